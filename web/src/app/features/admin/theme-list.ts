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
import { ApiError, toApiError } from '../../core/api/api-error';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { filterThemes, Theme, themeLabel } from '../../shared/themes/themes.model';
import { ThemesStore } from '../../shared/themes/themes.store';
import { ThemeDialog, ThemeDialogData, ThemeDialogResult } from './theme-dialog';
import { RowActions } from '../../shared/row-actions';

/** Administración › Temas: the managed list of themes (admins add and rename). */
@Component({
  selector: 'app-theme-list',
  imports: [
    RowActions,
    ReactiveFormsModule,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    EmptyState,
    ErrorState,
    LoadingState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './theme-list.html',
  styles: `
    @use '../../shared/admin-table';
    @include admin-table.admin-table;
    .intro {
      color: var(--mat-sys-on-surface-variant);
      margin-top: 0;
    }
    .search {
      width: min(360px, 100%);
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
