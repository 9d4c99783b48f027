import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { Participation } from '../../../core/api/models';
import { EmptyState } from '../../../shared/states';
import { injectCanEdit } from './action-editor';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';
import { ACTION_LABELS } from './part-labels';

/** «Socios y roles»: the organisations taking part and their role. */
@Component({
  selector: 'app-partners-tab',
  imports: [MatTableModule, RouterLink, EmptyState, PartActions, PartToolbar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-part-toolbar kind="participations" />
    @if (participations().length) {
      <table mat-table [dataSource]="participations()" class="dense-table">
        <ng-container matColumnDef="organisation">
          <th mat-header-cell *matHeaderCellDef i18n="@@action.partner.organisation">
            Organización
          </th>
          <td mat-cell *matCellDef="let p">
            @if (publicView()) {
              <strong>{{ p.organisationName }}</strong>
            } @else {
              <a [routerLink]="['/socios', p.organisationId]">{{ p.organisationName }}</a>
            }
            @if (p.organisationAcronym) {
              <span class="muted"> ({{ p.organisationAcronym }})</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="role">
          <th mat-header-cell *matHeaderCellDef i18n="@@action.partner.role">Papel</th>
          <td mat-cell *matCellDef="let p">{{ labels.participation(p.role) }}</td>
        </ng-container>
        <ng-container matColumnDef="notes">
          <th mat-header-cell *matHeaderCellDef i18n="@@action.partner.notes">Notas</th>
          <td mat-cell *matCellDef="let p">{{ p.notes ?? '' }}</td>
        </ng-container>
        <ng-container matColumnDef="edit">
          <th mat-header-cell *matHeaderCellDef>
            <span class="cdk-visually-hidden" i18n="@@parts.actions">Acciones</span>
          </th>
          <td mat-cell *matCellDef="let p" class="row-actions">
            <app-part-actions kind="participations" [part]="p" [name]="p.organisationName" />
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let p; columns: columns()"></tr>
      </table>
    } @else {
      <app-empty-state
        icon="handshake"
        message="Sin socios registrados."
        i18n-message="@@action.partner.empty"
      />
    }
  `,
  styleUrl: './detail.scss',
})
export class PartnersTab {
  readonly participations = input.required<readonly Participation[]>();
  /** The share page: no notes (the API sends none there) and no links into the app. */
  readonly publicView = input(false);

  protected readonly canEdit = injectCanEdit();
  protected readonly labels = ACTION_LABELS;
  protected readonly columns = computed(() => [
    'organisation',
    'role',
    ...(this.publicView() ? [] : ['notes']),
    ...(this.canEdit() ? ['edit'] : []),
  ]);
}
