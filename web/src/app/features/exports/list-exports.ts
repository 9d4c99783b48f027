import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ActionFilters, hasActiveFilters } from '../../shared/filter-bar/action-filters';
import { ExportMenu, ExportMenuItem } from './export-menu';
import {
  EXPORT_TABLES,
  listCsv,
  listIati,
  listPartnerMoney,
  listTemplate,
  listXlsx,
} from './exports.api';

/**
 * The portfolio list's "Exportar": the workbook, one CSV per table and the IATI file of exactly
 * the actions the list's current filters select (all pages, not only the one shown).
 */
@Component({
  selector: 'app-list-exports',
  imports: [ExportMenu],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<app-export-menu [items]="items()" [caption]="caption()" />`,
})
export class ListExports {
  readonly filters = input.required<ActionFilters>();
  /** How many actions the filters select (the list's total), for the caption. */
  readonly total = input<number | null>(null);
  /** The list's money currency: the partner money table and sheet come in it. */
  readonly currency = input('MXN');

  protected readonly items = computed<ExportMenuItem[]>(() => {
    const f = this.filters();
    return [
      { key: 'xlsx', icon: 'table_view', request: listXlsx(f, undefined, this.currency()) },
      ...EXPORT_TABLES.map((table, i) => ({
        key: `csv-${table}`,
        icon: 'description',
        request: listCsv(table, f),
        groupStart: i === 0,
      })),
      {
        key: 'partner-money',
        icon: 'payments',
        request: listPartnerMoney(f, this.currency()),
        groupStart: true,
      },
      { key: 'iati', icon: 'code', request: listIati(f), groupStart: true },
      { key: 'template', icon: 'upload_file', request: listTemplate(f), groupStart: true },
    ];
  });

  protected readonly caption = computed(() => {
    const total = this.total();
    const filtered = hasActiveFilters(this.filters());
    if (total === null) return null;
    return filtered
      ? $localize`:@@export.captionFiltered:Exporta las ${total}:count: acciones de los filtros actuales (todas las páginas).`
      : $localize`:@@export.captionAll:Exporta todo el portafolio visible: ${total}:count: acciones.`;
  });
}
