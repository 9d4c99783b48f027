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
  templateUrl: './share-links-dialog.html',
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
