import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { AuthStore } from '../../core/auth/auth.store';
import { ExportMenu, ExportMenuItem } from './export-menu';
import { actionCsv, actionIati, actionSheet, actionXlsx, EXPORT_TABLES } from './exports.api';

/**
 * The action page's export bar: "Exportar" (project sheet in Spanish or English, the action's
 * workbook and CSV tables — the list exports narrowed with `?id=` — and IATI XML) for everyone who
 * sees the action, and "Compartir" (share links) for staff and admins.
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
      { key: 'xlsx', icon: 'table_view', request: actionXlsx(id, code), groupStart: true },
      ...EXPORT_TABLES.map((table, i) => ({
        key: `csv-${table}`,
        icon: 'description',
        request: actionCsv(id, code, table),
        groupStart: i === 0,
      })),
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
