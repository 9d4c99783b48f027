/* The sheets of the streamed export workbook: typed cells, frozen bold header, autofilter. */
import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Lang } from '../common/vocabulary';
import type { ThemeLabels } from '../themes/themes.service';
import { needsFormulaEscape } from './csv';
import {
  type Cell,
  ColumnKind,
  ExportColumn,
  ExportTable,
  presentation,
  TABLE_LABELS,
} from './export-tables';
import { PARTNER_MONEY_LABEL, PartnerMoneyColumn } from './partner-money-table';

const dateCell = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/** The number format of a column of that kind (none for text). */
function numFmtOf(kind: ColumnKind): Partial<ExcelJS.Style> {
  if (kind === 'money') return { numFmt: '#,##0.00' };
  if (kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (kind === 'datetime') return { numFmt: 'yyyy-mm-dd hh:mm:ss' };
  return {};
}

/** A sheet with its columns, a bold header row and an autofilter over every column. */
function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  xSplit: number,
  columns: Partial<ExcelJS.Column>[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * Writes one row of typed cells. Text that a spreadsheet could read as a formula is written as a
 * text cell (format "@") with a leading single quote, as in the CSV.
 */
function addRow(sheet: ExcelJS.Worksheet, values: Cell[], kinds: ColumnKind[]): void {
  const escaped: number[] = [];
  const row = sheet.addRow(
    values.map((v, i) => {
      if (v === null) return null;
      const kind = kinds[i];
      if (kind === 'money' || kind === 'number') return Number(v);
      if (kind === 'date') return dateCell(v);
      if (kind === 'datetime') return new Date(v);
      if (needsFormulaEscape(v)) {
        escaped.push(i + 1);
        return `'${v}`;
      }
      return v;
    }),
  );
  for (const col of escaped) row.getCell(col).numFmt = '@';
  row.commit();
}

/** One export table as a sheet, its rows streamed batch by batch (waiting while `out` drains). */
export async function writeTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  out: Writable,
  table: { name: ExportTable; columns: ExportColumn[]; batches: AsyncIterable<Cell[][]> },
  lang: Lang | null,
  labels: ThemeLabels | null,
): Promise<void> {
  const { columns } = table;
  const show = presentation(columns, lang, labels);
  const sheet = addSheet(
    workbook,
    lang ? TABLE_LABELS[table.name][lang] : table.name,
    0,
    columns.map((c, i) => ({
      header: show.headers[i],
      key: c.header,
      width: c.width ?? 16,
      style: numFmtOf(c.kind),
    })),
  );
  const kinds = columns.map((c) => c.kind);
  for await (const batch of table.batches) {
    for (const values of batch) addRow(sheet, show.row(values), kinds);
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
}

/** The people's last sheet: both figures of each partner's money (never in the template). */
export function writePartnerMoneySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  lang: Lang,
  { columns, rows }: { columns: PartnerMoneyColumn[]; rows: Cell[][] },
): void {
  const sheet = addSheet(
    workbook,
    PARTNER_MONEY_LABEL[lang],
    1,
    columns.map((c, i) => ({
      header: c.header,
      key: `c${i}`,
      width: c.width,
      style: numFmtOf(c.kind),
    })),
  );
  const kinds = columns.map((c) => c.kind);
  for (const values of rows) addRow(sheet, values, kinds);
  sheet.commit();
}
