import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { providePaginatorIntl } from '../../core/i18n/material-intl';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { merge } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ExchangeRate } from '../../core/api/models';
import { ConfirmData, ConfirmDialog } from '../../shared/confirm-dialog';
import { isBefore, isDateOnly } from '../../shared/forms';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { ExchangeRatesApi } from './exchange-rates.api';
import { RATE_CURRENCIES } from './exchange-rates.model';
import { RateDialog, RateDialogData, RateDialogResult } from './rate-dialog';
import { RateImportDialog } from './rate-import-dialog';
import { RowActions } from '../../shared/row-actions';

@Component({
  selector: 'app-rate-list',
  imports: [
    RowActions,
    ReactiveFormsModule,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatProgressBarModule,
    EmptyState,
    ErrorState,
    LoadingState,
  ],
  providers: [providePaginatorIntl()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rate-list.html',
  styles: `
    @use '../../shared/admin-table';
    @include admin-table.admin-table;
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .range-error {
      color: var(--mat-sys-error);
      margin-top: 0;
    }
  `,
})
export class RateList {
  /** "Editar USD 2025-01-03": the icon button's name (an attribute, so axe and readers see it). */
  protected editLabel(r: { currency: string; rateDate: string }): string {
    return $localize`:@@rates.editOf:Editar ${r.currency}:INTERPOLATION: ${r.rateDate}:INTERPOLATION_1:`;
  }

  protected deleteLabel(r: { currency: string; rateDate: string }): string {
    return $localize`:@@rates.deleteOf:Eliminar ${r.currency}:INTERPOLATION: ${r.rateDate}:INTERPOLATION_1:`;
  }

  private readonly api = inject(ExchangeRatesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly currencies = RATE_CURRENCIES;
  protected readonly columns = ['date', 'currency', 'rate', 'source', 'actions'];
  protected readonly currency = new FormControl('', { nonNullable: true });
  protected readonly from = new FormControl('', { nonNullable: true });
  protected readonly to = new FormControl('', { nonNullable: true });
  protected readonly items = signal<ExchangeRate[]>([]);
  protected readonly total = signal(0);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly rangeError = signal(false);

  constructor() {
    merge(this.currency.valueChanges, this.from.valueChanges, this.to.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.load(1));
    this.load(1);
  }

  load(page = this.page()): void {
    const from = isDateOnly(this.from.value) ? this.from.value : '';
    const to = isDateOnly(this.to.value) ? this.to.value : '';
    this.rangeError.set(isBefore(to, from));
    if (this.rangeError()) return;
    this.page.set(page);
    this.loading.set(true);
    this.error.set(null);
    this.api
      .list({ currency: this.currency.value, from, to, page, pageSize: this.pageSize() })
      .subscribe({
        next: (result) => {
          this.items.set(result.items);
          this.total.set(result.total);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.load(event.pageIndex + 1);
  }

  create(): void {
    this.openDialog({});
  }

  edit(rate: ExchangeRate): void {
    this.openDialog({ rate });
  }

  private openDialog(data: RateDialogData): void {
    this.dialog
      .open<RateDialog, RateDialogData, RateDialogResult>(RateDialog, { width: '440px', data })
      .afterClosed()
      .subscribe((result) => {
        if (result === 'conflict') {
          this.conflict();
        } else if (result) {
          this.snackBar.open($localize`:@@rates.saved:Tipo de cambio guardado.`, undefined, {
            duration: 3000,
          });
          this.load();
        }
      });
  }

  import(): void {
    this.dialog
      .open<RateImportDialog, void, boolean>(RateImportDialog, { width: '720px' })
      .afterClosed()
      .subscribe((applied) => {
        if (applied) this.load(1);
      });
  }

  remove(rate: ExchangeRate): void {
    const data: ConfirmData = {
      title: $localize`:@@rates.deleteTitle:¿Eliminar este tipo de cambio?`,
      message: $localize`:@@rates.deleteMessage:Se eliminará el tipo de cambio ${rate.currency}:currency: del ${rate.rateDate}:date:. Las conversiones de esa fecha usarán el día anterior disponible.`,
      confirm: $localize`:@@rates.deleteConfirm:Eliminar`,
      danger: true,
    };
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data })
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        this.api.remove(rate.id, rate.version).subscribe({
          next: () => {
            this.snackBar.open($localize`:@@rates.deleted:Tipo de cambio eliminado.`, undefined, {
              duration: 3000,
            });
            const lastOnPage = this.items().length === 1 && this.page() > 1;
            this.load(lastOnPage ? this.page() - 1 : this.page());
          },
          error: (e: unknown) => {
            const err = toApiError(e);
            if (err.code === 'VERSION_CONFLICT') {
              this.conflict();
              return;
            }
            this.snackBar.open(err.message, $localize`:@@common.ok:Entendido`, {
              duration: 8000,
            });
          },
        });
      });
  }

  /** Someone else changed the rate: say so and show the stored values. */
  private conflict(): void {
    this.snackBar.open(
      $localize`:@@rates.conflict:Otra persona modificó este tipo de cambio. Se recargó la lista; revisa y vuelve a intentarlo.`,
      $localize`:@@common.ok:Entendido`,
      { duration: 8000 },
    );
    this.load();
  }
}
