import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { AuthStore } from '../../core/auth/auth.store';
import { ExportMenu, ExportMenuItem } from './export-menu';
import { actionIati, actionSheet } from './exports.api';

/**
 * The action page's export bar: "Exportar" (project sheet in Spanish or English, IATI XML) for
 * everyone who sees the action, and "Compartir" (share links) for staff and admins.
 *
 * The list exports (CSV, XLSX) are not offered for one action: their filter has no action id or
 * code parameter, and `q` matches parts of codes, so it could not select exactly one action.
 */
@Component({
  selector: 'app-action-exports',
  imports: [ExportMenu, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar">
      <app-export-menu [items]="items()" />
      @if (canShare()) {
        <button mat-stroked-button type="button" (click)="share()" data-testid="share-links">
          <mat-icon aria-hidden="true">share</mat-icon>
          <span i18n="@@share.button">Compartir</span>
        </button>
      }
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px;
      margin-top: 12px;
    }
  `,
})
export class ActionExports {
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);

  readonly action = input.required<{ id: string; code: string }>();

  /** Creating and revoking links is for staff and admins (the API says 403 to others). */
  protected readonly canShare = computed(() => this.auth.can('portfolio.edit'));

  protected readonly items = computed<ExportMenuItem[]>(() => {
    const { id, code } = this.action();
    return [
      { key: 'sheet-es', icon: 'picture_as_pdf', request: actionSheet(id, code, 'es') },
      { key: 'sheet-en', icon: 'picture_as_pdf', request: actionSheet(id, code, 'en') },
      { key: 'iati', icon: 'code', request: actionIati(id, code), groupStart: true },
    ];
  });

  async share(): Promise<void> {
    const { id, code } = this.action();
    const { ShareLinksDialog } = await import('./share-links-dialog');
    this.dialog.open(ShareLinksDialog, {
      data: { actionId: id, code, canManage: this.canShare() },
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      width: '880px',
      maxWidth: '95vw',
    });
  }
}
