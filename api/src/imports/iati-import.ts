import { HttpStatus } from '@nestjs/common';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../common/errors';
import type { ExportTable } from '../exports/export-tables';
import type {
  ImportInput,
  ImportIssue,
  ImportLocation,
  InputRow,
  InputTable,
} from './import-model';
import { IMPORT_COLUMNS } from './import-spec';
import { convertCell, RawCell } from './tabular';

/**
 * IATI 2.03 activity file (as published by a donor such as GIZ or the EU) → the rows of the
 * export tables, so that the one planner matches and writes them. The mapping (also in the
 * README, "Imports"):
 *
 * - iati-identifier → action code (characters outside [A-Za-z0-9._-] become "-", 60 at most);
 *   the identifier and the reporting organisation go to `source`.
 * - title / description type 1 / description type 2 → title_es|en, summary_es|en, objectives
 *   (narratives by xml:lang; without a Spanish one the first narrative is the Spanish title).
 * - activity-status 1–6 → status; activity-date 1–4 → planned/actual start/end.
 * - collaboration-type 1,3,7 → bilateral, 2,4 → multilateral, 8 → triangular.
 * - participating-org role 1 funding, 2 accountable, 3 extending, 4 implementing; matched by
 *   @ref (iati_ref), then by name; new organisations get the IATI type mapped to ours.
 * - transaction-type 1 incoming funds, 3 disbursement → disbursement; 2 commitment, 11 incoming
 *   commitment → commitment; 4 expenditure, 7 reimbursement → expenditure; other types are
 *   reported as warnings and not imported. budget → ceiling; planned-disbursement (future) →
 *   disbursement.
 * - sector vocabulary 7/8/9 and tag vocabulary 2/3 → SDGs; other sectors → themes
 *   (vocabulary 99/98: the code; DAC vocabularies 1/2: "dac-<code>").
 * - result title → result statement; indicator title → name, baseline → baseline and its date,
 *   the last period → target/actual dated at the period end.
 * New actions are created as cooperation projects where the institute is the recipient.
 */

const ARRAYS = new Set([
  'iati-activity',
  'narrative',
  'title',
  'description',
  'participating-org',
  'activity-date',
  'transaction',
  'budget',
  'planned-disbursement',
  'sector',
  'tag',
  'result',
  'indicator',
  'period',
  'baseline',
]);

type Node = Record<string, unknown>;

const ROLE: Record<string, string> = {
  '1': 'funding',
  '2': 'accountable',
  '3': 'extending',
  '4': 'implementing',
};
const STATUS: Record<string, string> = {
  '1': 'pipeline',
  '2': 'implementation',
  '3': 'finalisation',
  '4': 'closed',
  '5': 'cancelled',
  '6': 'suspended',
};
const TRANSACTION: Record<string, string> = {
  '1': 'disbursement',
  '2': 'commitment',
  '3': 'disbursement',
  '4': 'expenditure',
  '7': 'expenditure',
  '11': 'commitment',
};
const SCHEME: Record<string, string> = {
  '1': 'bilateral',
  '2': 'multilateral',
  '3': 'bilateral',
  '4': 'multilateral',
  '7': 'bilateral',
  '8': 'triangular',
};
/** IATI OrganisationType → ours. */
export function orgTypeOf(code: string | undefined): string {
  if (!code) return 'other';
  if (code === '10' || code === '15') return 'bilateral_agency';
  if (code === '11') return 'subnational_government';
  if (code === '40') return 'multilateral';
  if (['21', '22', '23', '24', '60'].includes(code)) return 'ngo_foundation';
  if (['70', '71', '72', '73'].includes(code)) return 'private';
  if (code === '80') return 'academia';
  return 'other';
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** The five predefined entities and character references: nothing else is ever expanded. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return XML_ENTITIES[e];
  });
}

const list = (node: unknown, name: string): Node[] =>
  node && typeof node === 'object' ? (((node as Node)[name] as Node[] | undefined) ?? []) : [];
const one = (node: unknown, name: string): Node | undefined => {
  const v = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  return Array.isArray(v) ? (v[0] as Node | undefined) : (v as Node | undefined);
};
const attr = (node: Node | undefined, name: string): string | undefined => {
  const v = node?.[`@${name}`];
  return typeof v === 'string' && v.trim() ? decodeXmlText(v.trim()) : undefined;
};
const textOf = (node: unknown): string | undefined => {
  if (typeof node === 'string') return decodeXmlText(node);
  const t = node && typeof node === 'object' ? (node as Node)['#text'] : undefined;
  return typeof t === 'string' ? decodeXmlText(t) : typeof t === 'number' ? String(t) : undefined;
};
interface Narrative {
  lang: string;
  text: string;
}
const narratives = (node: Node | undefined, lang: string): Narrative[] =>
  list(node, 'narrative')
    .map((n) => ({
      lang: (attr(n, 'xml:lang') ?? lang).toLowerCase(),
      text: textOf(n)?.trim() ?? '',
    }))
    .filter((n) => n.text);
const inLang = (ns: Narrative[], lang: string) => ns.find((n) => n.lang.startsWith(lang))?.text;

/** Refuses what could make a parser fetch, expand or loop: any DOCTYPE or ENTITY declaration. */
export function assertSafeXml(name: string, text: string): void {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_XML_DOCTYPE', { file: name });
}

export function iatiText(name: string, buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'xml',
      reason: 'not UTF-8',
    });
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<'))
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'xml',
    });
  return text.replace(/^\uFEFF/, '');
}

const codeOf = (identifier: string) =>
  identifier
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 60);

/** Parses an IATI activity file into import rows (errors carry element paths). */
export function readIati(name: string, buffer: Buffer, today: string): ImportInput {
  const text = iatiText(name, buffer);
  assertSafeXml(name, text);
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CORRUPT_FILE', {
      file: name,
      row: valid.err.line,
      reason: valid.err.msg,
    });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (tag) => ARRAYS.has(tag),
  });
  const doc = parser.parse(text) as Node;
  const root = doc['iati-activities'] as Node | undefined;
  if (!root || typeof root !== 'object')
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'iati-activities',
    });
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const version = attr(root, 'version');
  if (version && !version.startsWith('2.'))
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'IATI 2.0x',
      version,
    });
  const tables: Record<ExportTable, InputRow[]> = {
    actions: [],
    participations: [],
    funding: [],
    milestones: [],
    results: [],
    indicators: [],
  };
  const add = (
    table: ExportTable,
    path: string,
    raw: Record<string, RawCell>,
    extra: Record<string, unknown> = {},
  ) => {
    const location: ImportLocation = { file: name, path };
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const [header, cell] of Object.entries(raw)) {
      const col = IMPORT_COLUMNS[table].find((c) => c.header === header);
      if (!col) throw new Error(`No import column ${table}.${header}`);
      const result = convertCell(col, cell);
      if ('code' in result) {
        ok = false;
        issues.push({
          location: { ...location, column: header },
          code: result.code,
          message: result.message,
          value: String(cell ?? '').slice(0, 200),
        });
      } else values[header] = result.value;
    }
    if (ok) tables[table].push({ location, values: { ...values, ...extra } });
  };

  list(root, 'iati-activity').forEach((activity, ai) => {
    const lang = (attr(activity, 'xml:lang') ?? attr(root, 'xml:lang') ?? 'en').toLowerCase();
    const identifier = textOf(one(activity, 'iati-identifier'))?.trim();
    const base = `iati-activity[${ai + 1}]`;
    if (!identifier) {
      issues.push({
        location: { file: name, path: `${base}/iati-identifier` },
        code: 'required',
        message: 'The activity has no iati-identifier',
      });
      return;
    }
    const code = codeOf(identifier);
    const path = (p: string) => `${base}${p ? `/${p}` : ''}`;
    const currency = attr(activity, 'default-currency');
    const reporting = one(activity, 'reporting-org');
    const reportingName =
      inLang(narratives(reporting, lang), 'es') ?? narratives(reporting, lang)[0]?.text;

    const titles = narratives(list(activity, 'title')[0], lang);
    const descriptions = list(activity, 'description');
    const describe = (type: string) => {
      const d = descriptions.filter((x) => (attr(x, 'type') ?? '1') === type);
      return d.flatMap((x) => narratives(x, lang));
    };
    const summary = describe('1');
    const objectives = describe('2');
    const dates = new Map(
      list(activity, 'activity-date').map((d) => [attr(d, 'type'), attr(d, 'iso-date')]),
    );
    const sdgs = new Set<number>();
    const themes: string[] = [];
    for (const s of list(activity, 'sector')) {
      const vocabulary = attr(s, 'vocabulary') ?? '1';
      const c = attr(s, 'code');
      if (!c) continue;
      if (['7', '8', '9'].includes(vocabulary)) sdgs.add(Number(c.split('.')[0]));
      else if (vocabulary === '1' || vocabulary === '2') themes.push(`dac-${c}`);
      else themes.push(c);
    }
    for (const t of list(activity, 'tag')) {
      const vocabulary = attr(t, 'vocabulary');
      const c = attr(t, 'code');
      if (c && (vocabulary === '2' || vocabulary === '3')) sdgs.add(Number(c.split('.')[0]));
    }
    const actual = (d?: string) => (d ? 'day' : null);
    const raw: Record<string, RawCell> = {
      code,
      title_es: inLang(titles, 'es') ?? titles[0]?.text ?? identifier,
      title_en: inLang(titles, 'en') ?? null,
      summary_es: inLang(summary, 'es') ?? summary[0]?.text ?? null,
      summary_en: inLang(summary, 'en') ?? null,
      objectives: objectives[0]?.text ?? null,
      status: STATUS[attr(one(activity, 'activity-status'), 'code') ?? ''] ?? null,
      planned_start: dates.get('1') ?? null,
      actual_start: dates.get('2') ?? null,
      actual_start_precision: actual(dates.get('2')),
      planned_end: dates.get('3') ?? null,
      actual_end: dates.get('4') ?? null,
      actual_end_precision: actual(dates.get('4')),
      source: `IATI ${identifier}${reportingName ? ` · ${reportingName}` : ''}`.slice(0, 2000),
    };
    const scheme = SCHEME[attr(one(activity, 'collaboration-type'), 'code') ?? ''];
    if (scheme) raw.scheme = scheme;
    if (themes.length) raw.themes = [...new Set(themes)].join('; ');
    if (sdgs.size)
      raw.sdgs = [...sdgs]
        .filter((g) => g >= 1 && g <= 17)
        .sort((a, b) => a - b)
        .join('; ');
    add('actions', base, raw, {
      _defaults: { kind: 'cooperation_project', institute_role: 'recipient' },
    });

    list(activity, 'participating-org').forEach((p, i) => {
      const role = ROLE[attr(p, 'role') ?? ''];
      const ref = attr(p, 'ref');
      const orgName = narratives(p, lang)[0]?.text ?? ref;
      const at = path(`participating-org[${i + 1}]`);
      if (!role) {
        warnings.push({
          location: { file: name, path: at },
          code: 'skipped_role',
          message: 'Unknown organisation role: not imported',
          value: attr(p, 'role'),
        });
        return;
      }
      if (!orgName) {
        warnings.push({
          location: { file: name, path: at },
          code: 'skipped_org',
          message: 'The organisation has neither a ref nor a name: not imported',
        });
        return;
      }
      add(
        'participations',
        at,
        { action_code: code, organisation: orgName, role },
        {
          _organisation_ref: ref,
          _organisation_type: orgTypeOf(attr(p, 'type')),
        },
      );
    });

    const party = (node: Node | undefined) => {
      if (!node)
        return {
          name: null as string | null,
          ref: undefined as string | undefined,
          type: undefined as string | undefined,
        };
      const ref = attr(node, 'ref');
      return {
        name: narratives(node, lang)[0]?.text ?? ref ?? null,
        ref,
        type: orgTypeOf(attr(node, 'type')),
      };
    };
    const money = (
      at: string,
      type: string,
      value: Node | undefined,
      fallbackDate: string | undefined,
      description: string | null,
      provider?: Node,
      receiver?: Node,
    ) => {
      const amount = textOf(value)?.trim() ?? '';
      const p = party(provider);
      const r = party(receiver);
      add(
        'funding',
        at,
        {
          action_code: code,
          type,
          amount,
          currency: attr(value, 'currency') ?? currency ?? null,
          value_date: attr(value, 'value-date') ?? fallbackDate ?? null,
          value_date_precision: 'day',
          provider: p.name,
          receiver: r.name,
          description,
        },
        {
          _provider_ref: p.ref,
          _provider_type: p.type,
          _receiver_ref: r.ref,
          _receiver_type: r.type,
        },
      );
    };
    list(activity, 'transaction').forEach((t, i) => {
      const at = path(`transaction[${i + 1}]`);
      const typeCode = attr(one(t, 'transaction-type'), 'code') ?? '';
      const type = TRANSACTION[typeCode];
      if (!type) {
        warnings.push({
          location: { file: name, path: at },
          code: 'skipped_transaction',
          message: 'Transaction type without an equivalent: not imported',
          value: typeCode,
        });
        return;
      }
      const desc = narratives(one(t, 'description'), lang)[0]?.text ?? null;
      money(
        at,
        type,
        one(t, 'value'),
        attr(one(t, 'transaction-date'), 'iso-date'),
        desc,
        one(t, 'provider-org'),
        one(t, 'receiver-org'),
      );
    });
    list(activity, 'budget').forEach((b, i) => {
      const start = attr(one(b, 'period-start'), 'iso-date');
      const end = attr(one(b, 'period-end'), 'iso-date');
      const revised = attr(b, 'type') === '2';
      const committed = attr(b, 'status') === '2';
      money(
        path(`budget[${i + 1}]`),
        'ceiling',
        one(b, 'value'),
        start,
        `Presupuesto IATI ${start ?? '?'} – ${end ?? '?'}${revised ? ' (revisado)' : ''}${committed ? ' (comprometido)' : ''}`,
      );
    });
    list(activity, 'planned-disbursement').forEach((d, i) => {
      const at = path(`planned-disbursement[${i + 1}]`);
      const value = one(d, 'value');
      const date = attr(value, 'value-date') ?? attr(one(d, 'period-start'), 'iso-date');
      if (!date || date <= today) {
        warnings.push({
          location: { file: name, path: at },
          code: 'skipped_planned_disbursement',
          message: 'A planned disbursement that is not in the future: not imported',
        });
        return;
      }
      money(at, 'disbursement', value, date, null, one(d, 'provider-org'), one(d, 'receiver-org'));
    });

    list(activity, 'result').forEach((r, ri) => {
      const at = path(`result[${ri + 1}]`);
      const statement = narratives(list(r, 'title')[0], lang)[0]?.text;
      if (!statement) {
        issues.push({
          location: { file: name, path: `${at}/title` },
          code: 'required',
          message: 'The result has no title',
        });
        return;
      }
      add('results', at, { action_code: code, statement }, { _key: at });
      list(r, 'indicator').forEach((n, ni) => {
        const nameText = narratives(list(n, 'title')[0], lang)[0]?.text;
        const baseline = list(n, 'baseline')[0];
        const periods = list(n, 'period')
          .map((p) => ({
            end: attr(one(p, 'period-end'), 'iso-date'),
            target: attr(one(p, 'target'), 'value'),
            actual: attr(one(p, 'actual'), 'value'),
          }))
          .sort((a, b) => String(a.end).localeCompare(String(b.end)));
        const target = [...periods].reverse().find((p) => p.target !== undefined);
        const actualP = [...periods].reverse().find((p) => p.actual !== undefined);
        // The export's stand-in for a result without numbers: not an indicator of its own.
        if (nameText === statement && !baseline && !periods.length) return;
        const unit =
          narratives(list(n, 'description')[0], lang)[0]?.text.match(/^Unidad: ([^.]+)/)?.[1] ??
          null;
        const year = attr(baseline, 'year');
        add(
          'indicators',
          `${at}/indicator[${ni + 1}]`,
          {
            action_code: code,
            name: nameText ?? null,
            unit,
            baseline: attr(baseline, 'value') ?? null,
            baseline_date: attr(baseline, 'iso-date') ?? (year ? `${year}-01-01` : null),
            target: target?.target ?? null,
            target_date: target?.end ?? null,
            actual: actualP?.actual ?? null,
            actual_date: actualP?.end ?? null,
          },
          { _result_key: at },
        );
      });
    });
  });
  const inputTables: InputTable[] = (Object.keys(tables) as ExportTable[]).map((table) => ({
    table,
    file: name,
    headers: [],
    rows: tables[table],
  }));
  return { kind: 'iati', tables: inputTables, issues, warnings };
}
