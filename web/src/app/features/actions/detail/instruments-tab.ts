import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { Instrument } from '../../../core/api/models';
import { PreciseDatePipe } from '../../../shared/dates';
import { EmptyState } from '../../../shared/states';
import { injectCanEdit } from './action-editor';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';
import { ACTION_LABELS } from './part-labels';

/** «Instrumentos jurídicos»: agreements and other legal instruments, one card each. */
@Component({
  selector: 'app-instruments-tab',
  imports: [MatCardModule, PreciseDatePipe, EmptyState, PartActions, PartToolbar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-part-toolbar kind="instruments" />
    <div class="cards">
      @for (i of instruments(); track i.id) {
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-card-title>{{ i.title }}</mat-card-title>
            <mat-card-subtitle>{{ labels.instrument(i.type) }}</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <dl class="facts-grid">
              <dt i18n="@@instrument.signedOn">Firma</dt>
              <dd>{{ i.signedOn | preciseDate: i.signedOnPrecision }}</dd>
              <dt i18n="@@instrument.validity">Vigencia</dt>
              <dd>{{ i.validFrom | preciseDate }} – {{ i.validTo | preciseDate }}</dd>
              <dt i18n="@@instrument.parties">Partes</dt>
              <dd>{{ i.parties.length ? i.parties.join(', ') : '—' }}</dd>
            </dl>
            @if (i.documentUrl) {
              <a [href]="i.documentUrl" target="_blank" rel="noopener" i18n="@@instrument.document"
                >Ver documento</a
              >
            }
          </mat-card-content>
          @if (canEdit()) {
            <mat-card-actions align="end">
              <app-part-actions kind="instruments" [part]="i" [name]="i.title" />
            </mat-card-actions>
          }
        </mat-card>
      } @empty {
        <app-empty-state
          icon="gavel"
          message="Sin instrumentos jurídicos registrados."
          i18n-message="@@instrument.empty"
        />
      }
    </div>
  `,
  styleUrl: './detail.scss',
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      gap: 16px;
    }
  `,
})
export class InstrumentsTab {
  readonly instruments = input.required<readonly Instrument[]>();
  protected readonly canEdit = injectCanEdit();
  protected readonly labels = ACTION_LABELS;
}
