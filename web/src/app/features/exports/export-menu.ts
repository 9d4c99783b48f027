import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { formatBytes } from './download-file';
import { DownloadRequest, Downloads } from './downloads';

/** One entry of an export menu. */
export interface ExportMenuItem {
  /** Stable key; the entry's test id is `export-<key>`. */
  key: string;
  icon: string;
  request: DownloadRequest;
  /** Starts a new group (a divider above it). */
  groupStart?: boolean;
}

/**
 * The "Exportar" button: a menu of files; the chosen one is fetched with the session, saved
 * under the API's file name, and its progress shown below the button.
 */
@Component({
  selector: 'app-export-menu',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, MatDividerModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="export">
      <button
        mat-stroked-button
        type="button"
        [matMenuTriggerFor]="menu"
        [disabled]="downloads.busy()"
        data-testid="export-menu"
      >
        <mat-icon aria-hidden="true">download</mat-icon>
        <span i18n="@@export.button">Exportar</span>
      </button>
      <mat-menu #menu="matMenu" xPosition="before">
        @if (caption()) {
          <p class="caption" role="none" data-testid="export-caption">{{ caption() }}</p>
        }
        @for (item of items(); track item.key) {
          @if (item.groupStart) {
            <mat-divider role="separator" />
          }
          <button
            mat-menu-item
            type="button"
            (click)="downloads.download(item.request)"
            [attr.data-testid]="'export-' + item.key"
          >
            <mat-icon aria-hidden="true">{{ item.icon }}</mat-icon>
            <span>{{ item.request.label }}</span>
          </button>
        }
      </mat-menu>
      @if (downloads.active(); as p) {
        <div class="progress" data-testid="export-progress">
          <mat-progress-bar
            [mode]="p.total ? 'determinate' : 'indeterminate'"
            [value]="p.total ? (100 * p.loaded) / p.total : 0"
            [attr.aria-label]="p.label"
          />
          <span class="muted" role="status"
            ><span i18n="@@export.preparing">Descargando {{ p.label }}…</span>
            @if (p.loaded) {
              <span aria-hidden="true"> {{ size(p.loaded) }}</span>
            }
          </span>
        </div>
      }
    </div>
  `,
  styles: `
    .export {
      display: inline-flex;
      flex-direction: column;
      gap: 4px;
    }
    .progress {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 220px;
      max-width: 320px;
      font: var(--mat-sys-body-small);
    }
    .caption {
      margin: 0;
      padding: 8px 16px;
      max-width: 320px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ExportMenu {
  protected readonly downloads = inject(Downloads);
  private readonly locale = inject(LOCALE_ID);

  readonly items = input.required<ExportMenuItem[]>();
  /** A line at the top of the menu saying what will be exported. */
  readonly caption = input<string | null>(null);

  protected size(bytes: number): string {
    return formatBytes(bytes, this.locale);
  }
}
