import { Clipboard } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import { ConfirmData, ConfirmDialog } from '../../shared/confirm-dialog';
import { TimestampPipe } from '../../shared/dates';
import { applyApiErrors, controlErrorText } from '../../shared/forms';
import { ShareLink, ShareLinksApi, sharedPageUrl } from './share-links.api';

export interface ShareLinksDialogData {
  actionId: string;
  code: string;
  /** Staff and admins create and revoke; others only see the list. */
  canManage: boolean;
}

export const DEFAULT_LINK_DAYS = 30;

const STATE_LABELS: Record<ShareLink['state'], string> = {
  active: $localize`:@@share.state.active:Activo`,
  expired: $localize`:@@share.state.expired:Vencido`,
  revoked: $localize`:@@share.state.revoked:Revocado`,
};

/**
 * "Enlaces para socios": creates a read-only link to the action's partner view (the address is
 * shown once, to copy), lists the action's links with their state and use, and revokes them.
 */
@Component({
  selector: 'app-share-links-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatTableModule,
    MatProgressBarModule,
    TimestampPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      <span i18n="@@share.title">Enlaces para socios</span> · {{ data.code }}
    </h2>
    <mat-dialog-content>
      <p class="intro" i18n="@@share.intro">
        Un enlace abre la vista de socio de esta acción (sin notas internas) y permite descargar la
        ficha del proyecto y el archivo IATI sin iniciar sesión. Es de solo lectura, vence y se
        puede revocar.
      </p>

      @if (data.canManage) {
        <form [formGroup]="form" (ngSubmit)="create()" novalidate class="create">
          <mat-form-field class="days">
            <mat-label i18n="@@share.days">Vence en (días)</mat-label>
            <input
              matInput
              type="number"
              formControlName="expiresInDays"
              min="1"
              max="365"
              required
              data-testid="share-days"
            />
            <mat-hint i18n="@@share.daysHint">De 1 a 365 días</mat-hint>
            <mat-error>{{ daysError() }}</mat-error>
          </mat-form-field>
          <mat-form-field class="label">
            <mat-label i18n="@@share.label">Para quién (opcional)</mat-label>
            <input matInput formControlName="label" maxlength="200" data-testid="share-label" />
            <mat-error>{{ labelError() }}</mat-error>
          </mat-form-field>
          <button
            mat-flat-button
            type="submit"
            [disabled]="busy()"
            data-testid="share-create"
            i18n="@@share.create"
          >
            Crear enlace
          </button>
        </form>
      }

      @if (created(); as url) {
        <section class="created" aria-labelledby="share-created-title" data-testid="share-created">
          <h3 id="share-created-title" i18n="@@share.createdTitle">Enlace creado</h3>
          <p i18n="@@share.createdNote">
            Cópialo ahora: por seguridad, la dirección completa no se vuelve a mostrar.
          </p>
          <mat-form-field class="url">
            <mat-label i18n="@@share.url">Dirección del enlace</mat-label>
            <input
              matInput
              readonly
              [value]="url"
              #urlInput
              data-testid="share-url"
              (focus)="select($event)"
            />
          </mat-form-field>
          <div class="row">
            <button mat-stroked-button type="button" (click)="copy(url)" data-testid="share-copy">
              <mat-icon aria-hidden="true">content_copy</mat-icon>
              <span i18n="@@share.copy">Copiar</span>
            </button>
            <a mat-button [href]="url" target="_blank" rel="noopener">
              <mat-icon aria-hidden="true">open_in_new</mat-icon>
              <span i18n="@@share.open">Abrir</span>
            </a>
            @if (copied()) {
              <span class="muted" role="status" i18n="@@share.copied">Copiado</span>
            }
          </div>
        </section>
      }

      @if (error(); as err) {
        <p class="server-error" role="alert" data-testid="share-error">{{ err.message }}</p>
      }

      <h3 i18n="@@share.listTitle">Enlaces de esta acción</h3>
      @if (links() === null) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Cargando enlaces"
          i18n-aria-label="@@share.loading"
        />
      } @else if (links()!.length) {
        <div
          class="table-wrap"
          tabindex="0"
          role="region"
          aria-label="Enlaces"
          i18n-aria-label="@@share.listRegion"
        >
          <table mat-table [dataSource]="links()!" class="dense-table" data-testid="share-links">
            <ng-container matColumnDef="label">
              <th mat-header-cell *matHeaderCellDef i18n="@@share.col.label">Para</th>
              <td mat-cell *matCellDef="let l">{{ l.label ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="created">
              <th mat-header-cell *matHeaderCellDef i18n="@@share.col.created">Creado</th>
              <td mat-cell *matCellDef="let l">{{ l.createdAt | timestamp }}</td>
            </ng-container>
            <ng-container matColumnDef="expires">
              <th mat-header-cell *matHeaderCellDef i18n="@@share.col.expires">Vence</th>
              <td mat-cell *matCellDef="let l">{{ l.expiresAt | timestamp }}</td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef i18n="@@share.col.state">Estado</th>
              <td mat-cell *matCellDef="let l" data-testid="share-state">
                <span [class]="'state state-' + l.state">{{ stateLabel(l.state) }}</span>
                @if (l.revokedAt) {
                  <span class="muted"> {{ l.revokedAt | timestamp }}</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="used">
              <th mat-header-cell *matHeaderCellDef i18n="@@share.col.used">Último uso</th>
              <td mat-cell *matCellDef="let l">
                {{ l.lastUsedAt | timestamp }}
                <span class="muted"
                  >(<span i18n="@@share.uses">{l.useCount, plural,
                    =0 {sin usos}
                    =1 {1 uso}
                    other {{{ l.useCount }} usos}
                  }</span
                  >)</span
                >
              </td>
            </ng-container>
            <ng-container matColumnDef="revoke">
              <th mat-header-cell *matHeaderCellDef>
                <span class="cdk-visually-hidden" i18n="@@parts.actions">Acciones</span>
              </th>
              <td mat-cell *matCellDef="let l">
                @if (l.state === 'active') {
                  <button
                    mat-button
                    type="button"
                    (click)="revoke(l)"
                    [disabled]="busy()"
                    data-testid="share-revoke"
                    i18n="@@share.revoke"
                  >
                    Revocar
                  </button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let l; columns: columns" data-testid="share-link-row"></tr>
          </table>
        </div>
      } @else {
        <p class="muted" data-testid="share-none" i18n="@@share.none">
          Esta acción aún no tiene enlaces.
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close i18n="@@share.close">Cerrar</button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      max-width: 70ch;
    }
    .create {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px 16px;
    }
    .days {
      width: 160px;
    }
    .label {
      flex: 1 1 220px;
    }
    .created {
      border-left: 4px solid var(--mat-sys-primary);
      padding: 4px 0 4px 12px;
      margin: 8px 0 16px;
    }
    .created h3 {
      margin: 0 0 4px;
    }
    .url {
      width: 100%;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .table-wrap {
      overflow-x: auto;
    }
    .server-error {
      color: var(--mat-sys-error);
    }
    .state-active {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .state-revoked,
    .state-expired {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ShareLinksDialog implements OnInit {
  protected readonly data = inject<ShareLinksDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ShareLinksApi);
  private readonly dialog = inject(MatDialog);
  private readonly clipboard = inject(Clipboard);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly urlInput = viewChild<ElementRef<HTMLInputElement>>('urlInput');

  protected readonly columns = this.data.canManage
    ? ['label', 'created', 'expires', 'state', 'used', 'revoke']
    : ['label', 'created', 'expires', 'state', 'used'];
  protected readonly form = inject(NonNullableFormBuilder).group({
    expiresInDays: [
      DEFAULT_LINK_DAYS,
      [Validators.required, Validators.min(1), Validators.max(365), Validators.pattern(/^\d+$/)],
    ],
    label: ['', Validators.maxLength(200)],
  });
  protected readonly links = signal<ShareLink[] | null>(null);
  protected readonly created = signal<string | null>(null);
  protected readonly copied = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected stateLabel(state: ShareLink['state']): string {
    return STATE_LABELS[state] ?? state;
  }

  protected daysError(): string {
    const control = this.form.controls.expiresInDays;
    if (control.errors?.['server']) return controlErrorText(control);
    if (control.errors?.['required']) return controlErrorText(control);
    return $localize`:@@share.daysError:Un número entero de días entre 1 y 365.`;
  }

  protected labelError(): string {
    return controlErrorText(this.form.controls.label);
  }

  private async load(): Promise<void> {
    try {
      this.links.set(await firstValueFrom(this.api.list(this.data.actionId)));
    } catch (e) {
      this.links.set([]);
      this.error.set(toApiError(e));
    }
  }

  async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { expiresInDays, label } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.copied.set(false);
    try {
      const link = await firstValueFrom(
        this.api.create(this.data.actionId, {
          expiresInDays: Number(expiresInDays),
          ...(label.trim() ? { label: label.trim() } : {}),
        }),
      );
      this.created.set(sharedPageUrl(link.token, this.document.baseURI));
      // Focus (and select) the new address, ready to copy; screen readers read its label.
      afterNextRender(() => this.urlInput()?.nativeElement.focus(), { injector: this.injector });
      this.form.controls.label.setValue('');
      await this.load();
    } catch (e) {
      const err = toApiError(e);
      const unmatched = applyApiErrors(this.form, err);
      if (!err.details.length || unmatched.length) this.error.set(err);
    } finally {
      this.busy.set(false);
    }
  }

  async revoke(link: ShareLink): Promise<void> {
    const data: ConfirmData = {
      title: $localize`:@@share.revokeTitle:¿Revocar este enlace?`,
      message: $localize`:@@share.revokeMessage:Quien lo tenga verá «Este enlace ya no está disponible». No se puede deshacer; si hace falta, crea otro enlace.`,
      confirm: $localize`:@@share.revokeConfirm:Revocar`,
      danger: true,
    };
    const ok = await firstValueFrom(
      this.dialog.open(ConfirmDialog, { data, restoreFocus: true, maxWidth: '95vw' }).afterClosed(),
    );
    if (ok !== true) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.revoke(this.data.actionId, link.id));
      await this.load();
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected copy(url: string): void {
    this.copied.set(this.clipboard.copy(url));
  }

  protected select(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
