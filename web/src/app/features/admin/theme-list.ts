import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ApiError, toApiError } from '../../core/api/api-error';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { filterThemes, Theme, themeLabel } from '../../shared/themes/themes.model';
import { ThemesStore } from '../../shared/themes/themes.store';
import { ThemeDialog, ThemeDialogData, ThemeDialogResult } from './theme-dialog';

/** Administración › Temas: the managed list of themes (admins add and rename). */
@Component({
  selector: 'app-theme-list',
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatTooltipModule,
    EmptyState,
    ErrorState,
    LoadingState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <header class="page-header">
        <h1 id="themes-title" i18n="@@themes.title">Temas</h1>
        <button mat-flat-button type="button" (click)="create()" data-testid="add-theme">
          <mat-icon aria-hidden="true">add</mat-icon>
          <span i18n="@@themes.new">Nuevo tema</span>
        </button>
      </header>
      <p class="intro" i18n="@@themes.intro">
        Las acciones eligen sus temas de esta lista. Renombrar un tema cambia su nombre en todas las
        acciones, tableros, fichas y hojas de cálculo.
      </p>
      <mat-form-field class="search">
        <mat-label i18n="@@themes.search">Buscar</mat-label>
        <input matInput [formControl]="search" data-testid="themes-search" />
      </mat-form-field>
      @if (error(); as err) {
        <app-error-state [message]="err.message" (retry)="load()" />
      } @else if (!store.loaded()) {
        <app-loading-state />
      } @else {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="themes-title">
          <table mat-table [dataSource]="rows()" class="dense-table" data-testid="themes-table">
            <ng-container matColumnDef="labelEs">
              <th mat-header-cell *matHeaderCellDef i18n="@@themes.col.labelEs">Español</th>
              <td mat-cell *matCellDef="let t">{{ t.labelEs }}</td>
            </ng-container>
            <ng-container matColumnDef="labelEn">
              <th mat-header-cell *matHeaderCellDef i18n="@@themes.col.labelEn">Inglés</th>
              <td mat-cell *matCellDef="let t" lang="en">{{ t.labelEn }}</td>
            </ng-container>
            <ng-container matColumnDef="code">
              <th mat-header-cell *matHeaderCellDef i18n="@@themes.col.code">Clave</th>
              <td mat-cell *matCellDef="let t">
                <code>{{ t.code }}</code>
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef class="num" i18n="@@themes.col.actions">
                Acciones
              </th>
              <td mat-cell *matCellDef="let t" class="num">{{ t.actionCount }}</td>
            </ng-container>
            <ng-container matColumnDef="edit">
              <th mat-header-cell *matHeaderCellDef>
                <span class="visually-hidden" i18n="@@themes.col.edit">Renombrar</span>
              </th>
              <td mat-cell *matCellDef="let t" class="row-actions">
                <button
                  mat-icon-button
                  type="button"
                  (click)="rename(t)"
                  matTooltip="Renombrar"
                  i18n-matTooltip="@@themes.rename"
                  [attr.aria-label]="renameLabel(t)"
                  [attr.data-testid]="'rename-theme-' + t.code"
                >
                  <mat-icon aria-hidden="true">edit</mat-icon>
                </button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let t; columns: columns" data-testid="theme-row"></tr>
          </table>
        </div>
        @if (!rows().length) {
          <app-empty-state
            icon="label"
            message="Ningún tema coincide con la búsqueda."
            i18n-message="@@themes.empty"
          />
        }
      }
    </div>
  `,
  styles: `
    .intro {
      color: var(--mat-sys-on-surface-variant);
      margin-top: 0;
    }
    .search {
      width: min(360px, 100%);
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .row-actions {
      text-align: right;
      white-space: nowrap;
    }
  `,
})
export class ThemeList {
  protected readonly store = inject(ThemesStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly columns = ['labelEs', 'labelEn', 'code', 'actions', 'edit'];
  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly query = toSignal(this.search.valueChanges, { initialValue: '' });
  protected readonly error = signal<ApiError | null>(null);
  protected readonly rows = computed(() => filterThemes(this.store.themes(), this.query(), 'es'));

  constructor() {
    this.load();
  }

  protected renameLabel(t: Theme): string {
    return $localize`:@@themes.renameOf:Renombrar ${themeLabel(t, this.store.lang)}:name:`;
  }

  load(): void {
    this.error.set(null);
    this.store.reload().catch((e: unknown) => this.error.set(toApiError(e)));
  }

  create(): void {
    this.open({});
  }

  rename(theme: Theme): void {
    this.open({ theme });
  }

  private open(data: ThemeDialogData): void {
    this.dialog
      .open<ThemeDialog, ThemeDialogData, ThemeDialogResult>(ThemeDialog, {
        data,
        width: '480px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        if (result === 'conflict') {
          this.snackBar.open(
            $localize`:@@themes.conflict:Otra persona cambió este tema; se recargó la lista.`,
            undefined,
            { duration: 5000 },
          );
        } else {
          this.snackBar.open(
            $localize`:@@themes.saved:Tema guardado: ${themeLabel(result, this.store.lang)}:name:`,
            undefined,
            {
              duration: 3000,
            },
          );
        }
        this.load();
      });
  }
}
