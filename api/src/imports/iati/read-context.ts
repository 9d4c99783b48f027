import type {
  ImportIssue,
  ImportIssueCode,
  ImportLocation,
  InputRow,
  InputTableName,
} from '../import-model';
import { ImportColumn, IMPORT_COLUMNS } from '../import-spec';
import { usableRef } from '../iati-values';
import { convertCell, RawCell } from '../tabular';
import { orgTypeOf } from './iati-codes';
import { attr, narratives, Node } from './xml-nodes';

/** The shared state of one file's reading: where rows go and how problems are told. */
export interface ReadContext {
  file: string;
  tables: Record<InputTableName, InputRow[]>;
  issues: ImportIssue[];
  warnings: ImportIssue[];
}

export const newReadContext = (file: string): ReadContext => ({
  file,
  tables: {
    actions: [],
    participations: [],
    funding: [],
    milestones: [],
    results: [],
    indicators: [],
    document_links: [],
  },
  issues: [],
  warnings: [],
});

/** One activity being read: its code, default language and currency, XML path. */
export interface ActivityContext {
  ctx: ReadContext;
  node: Node;
  identifier: string;
  code: string;
  lang: string;
  currency: string | undefined;
  base: string;
  /** Our own export read back (its identifier has our prefix): no reporting org of its own. */
  own: boolean;
}

/** The XML path of a child of the activity (`iati-activity[2]/budget[1]`). */
export const at = (a: ActivityContext, p: string) => `${a.base}${p ? `/${p}` : ''}`;

const problem = (
  a: ActivityContext,
  path: string,
  code: ImportIssueCode,
  message: string,
  value?: string,
) => ({
  location: { file: a.ctx.file, path },
  code,
  message,
  ...(value !== undefined ? { value: value.slice(0, 200) } : {}),
});
/** A warning at `path`: the element is read (or left out) and the import goes on. */
export const warn = (
  a: ActivityContext,
  path: string,
  code: ImportIssueCode,
  message: string,
  value?: string,
) => a.ctx.warnings.push(problem(a, path, code, message, value));
/** An error at `path`: the activity cannot be represented as it is. */
export const fail = (
  a: ActivityContext,
  path: string,
  code: ImportIssueCode,
  message: string,
  value?: string,
) => a.ctx.issues.push(problem(a, path, code, message, value));

/**
 * Adds a row of `table`: `raw` cells are checked as the spreadsheet import checks them (except
 * minimum lengths: any non-empty IATI narrative is a title), `extra` values are already checked.
 */
export function addRow(
  ctx: ReadContext,
  table: InputTableName,
  path: string,
  raw: Record<string, RawCell>,
  extra: Record<string, unknown> = {},
): boolean {
  const location: ImportLocation = { file: ctx.file, path };
  const values: Record<string, unknown> = {};
  let ok = true;
  for (const [header, cell] of Object.entries(raw)) {
    const columns = (IMPORT_COLUMNS as Partial<Record<InputTableName, ImportColumn[]>>)[table];
    const col = columns?.find((c) => c.header === header);
    if (!col) throw new Error(`No import column ${table}.${header}`);
    const result = convertCell({ ...col, min: undefined }, cell);
    if ('code' in result) {
      ok = false;
      ctx.issues.push({
        location: { ...location, column: header },
        code: result.code,
        message: result.message,
        value: String(cell ?? '').slice(0, 200),
      });
    } else values[header] = result.value;
  }
  if (ok) ctx.tables[table].push({ location, values: { ...values, ...extra } });
  return ok;
}

/** An organisation element (provider-org, receiver-org…): its name, usable ref and IATI type. */
export const party = (a: ActivityContext, node: Node | undefined) => {
  if (!node)
    return { name: null as string | null, ref: undefined as string | undefined, type: 'other' };
  const ref = usableRef(attr(node, 'ref'));
  const name = narratives(node, a.lang)[0]?.text ?? ref ?? null;
  return { name, ref, type: orgTypeOf(attr(node, 'type')) };
};
