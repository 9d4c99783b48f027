import { Directive, inject, Injectable, Provider } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { MatSortHeader } from '@angular/material/sort';

/** "1 – 25 de 36": the paginator's range in the app's language. */
export function rangeLabel(page: number, pageSize: number, length: number): string {
  const total = Math.max(length, 0);
  if (total === 0 || pageSize === 0) {
    return $localize`:@@paginator.rangeEmpty:0 de ${total}:total:`;
  }
  const start = page * pageSize + 1;
  const end = Math.min(page * pageSize + pageSize, total);
  return $localize`:@@paginator.range:${start}:start: – ${end}:end: de ${total}:total:`;
}

/** Material's paginator in Spanish (and English in the English build). */
@Injectable()
export class AppPaginatorIntl extends MatPaginatorIntl {
  override itemsPerPageLabel = $localize`:@@paginator.itemsPerPage:Elementos por página`;
  override nextPageLabel = $localize`:@@paginator.next:Página siguiente`;
  override previousPageLabel = $localize`:@@paginator.previous:Página anterior`;
  override firstPageLabel = $localize`:@@paginator.first:Primera página`;
  override lastPageLabel = $localize`:@@paginator.last:Última página`;
  override getRangeLabel = rangeLabel;
}

/**
 * Put in the `providers` of every component that shows a `mat-paginator`, next to
 * MatPaginatorModule. Not in app.config: importing the paginator there would pull it, with
 * mat-select, form fields, overlays and @angular/forms, into the initial bundle (+370 kB).
 */
export function providePaginatorIntl(): Provider {
  return { provide: MatPaginatorIntl, useClass: AppPaginatorIntl };
}

/**
 * Every `mat-sort-header` describes its action in the app's language (Material says "Sort").
 * Import it next to MatSortModule.
 */
// It has to match Material's own attribute to reach every sort header without touching them.
// eslint-disable-next-line @angular-eslint/directive-selector
@Directive({ selector: '[mat-sort-header]' })
export class SortHeaderIntl {
  constructor() {
    inject(MatSortHeader).sortActionDescription = $localize`:@@sort.action:Ordenar`;
  }
}
