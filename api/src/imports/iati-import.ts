import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../common/errors';
import type { ExportTable } from '../exports/export-tables';
import type {
  ImportInput,
  ImportIssue,
  ImportLocation,
  InputRow,
  InputTable,
  ReadImportOptions,
} from './import-model';
import { nameKey, PositionKeys, readAmount, readIndicatorNumber, usableRef } from './iati-values';
import { KeptActivity, KeptIndicator, MODELLED, toXmlElement } from './iati-kept';
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
/**
 * IATI TransactionType → our funding type (docs/imports.md has the table of how totals treat
 * each). The code itself is kept (funding.iati_type) and exported back as it came.
 */
export const TRANSACTION: Record<string, string> = {
  '1': 'incoming_funds',
  '2': 'commitment',
  '3': 'disbursement',
  '4': 'expenditure',
  '5': 'repayment',
  '6': 'repayment',
  '7': 'expenditure',
  '8': 'other_flow',
  '9': 'other_flow',
  '10': 'other_flow',
  '11': 'incoming_commitment',
  '12': 'other_flow',
  '13': 'other_flow',
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

/** The shared state of one file's reading: where rows go and how problems are told. */
interface ReadContext {
  file: string;
  tables: Record<ExportTable, InputRow[]>;
  issues: ImportIssue[];
  warnings: ImportIssue[];
}

/** One activity being read: its code, default language and currency, XML path. */
interface ActivityContext {
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

const at = (a: ActivityContext, p: string) => `${a.base}${p ? `/${p}` : ''}`;
const warn = (a: ActivityContext, path: string, code: string, message: string, value?: string) =>
  a.ctx.warnings.push({
    location: { file: a.ctx.file, path },
    code,
    message,
    ...(value !== undefined ? { value: value.slice(0, 200) } : {}),
  });
const fail = (a: ActivityContext, path: string, code: string, message: string, value?: string) =>
  a.ctx.issues.push({
    location: { file: a.ctx.file, path },
    code,
    message,
    ...(value !== undefined ? { value: value.slice(0, 200) } : {}),
  });

/**
 * Adds a row of `table`: `raw` cells are checked as the spreadsheet import checks them (except
 * minimum lengths: any non-empty IATI narrative is a title), `extra` values are already checked.
 */
function addRow(
  ctx: ReadContext,
  table: ExportTable,
  path: string,
  raw: Record<string, RawCell>,
  extra: Record<string, unknown> = {},
): boolean {
  const location: ImportLocation = { file: ctx.file, path };
  const values: Record<string, unknown> = {};
  let ok = true;
  for (const [header, cell] of Object.entries(raw)) {
    const col = IMPORT_COLUMNS[table].find((c) => c.header === header);
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

const party = (a: ActivityContext, node: Node | undefined) => {
  if (!node) return { name: null as string | null, ref: undefined as string | undefined };
  const ref = usableRef(attr(node, 'ref'));
  return { name: narratives(node, a.lang)[0]?.text ?? ref ?? null, ref, type: attr(node, 'type') };
};

/** A money element (transaction, budget, planned disbursement) → one funding row. */
function addMoney(
  a: ActivityContext,
  path: string,
  value: Node | undefined,
  fields: {
    type: string;
    valueDate: string | undefined;
    description: string | null;
    importKey: string;
    provider?: Node;
    receiver?: Node;
    iatiType?: string;
    ref?: string;
    periodStart?: string;
    periodEnd?: string;
    budgetType?: string;
    budgetStatus?: string;
  },
): void {
  const read = readAmount(textOf(value));
  if ('error' in read) {
    fail(a, `${path}/value`, 'invalid_amount', read.error, textOf(value) ?? '');
    return;
  }
  if (read.rounded)
    warn(
      a,
      `${path}/value`,
      'amount_rounded',
      'More than two decimals: rounded to cents',
      textOf(value),
    );
  const p = party(a, fields.provider);
  const r = party(a, fields.receiver);
  addRow(
    a.ctx,
    'funding',
    path,
    {
      action_code: a.code,
      type: fields.type,
      currency: attr(value, 'currency') ?? a.currency ?? null,
      value_date: attr(value, 'value-date') ?? fields.valueDate ?? null,
      value_date_precision: 'day',
      provider: p.name,
      receiver: r.name,
      description: fields.description,
    },
    {
      amount: read.amount,
      iati_type: fields.iatiType ?? null,
      ref: fields.ref ?? null,
      period_start: fields.periodStart ?? null,
      period_end: fields.periodEnd ?? null,
      budget_type: fields.budgetType ?? null,
      budget_status: fields.budgetStatus ?? null,
      _import_key: fields.importKey,
      _provider_ref: p.ref,
      _provider_type: orgTypeOf(p.type),
      _receiver_ref: r.ref,
      _receiver_type: orgTypeOf(r.type),
    },
  );
}

const isoDate = (node: Node | undefined) => {
  const d = attr(node, 'iso-date');
  return d && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : undefined;
};

function readTransactions(a: ActivityContext): void {
  const keys = new PositionKeys();
  list(a.node, 'transaction').forEach((t, i) => {
    const path = at(a, `transaction[${i + 1}]`);
    const code = attr(one(t, 'transaction-type'), 'code') ?? '';
    const type = TRANSACTION[code];
    if (!type) {
      warn(
        a,
        `${path}/transaction-type`,
        'skipped_transaction',
        'Not an IATI transaction type: not imported',
        code,
      );
      return;
    }
    const ref = attr(t, 'ref');
    const date = isoDate(one(t, 'transaction-date'));
    // The reporting organisation gives what goes out and receives what comes in, unless stated.
    const reporting = a.own ? undefined : one(a.node, 'reporting-org');
    const incoming = code === '1' || code === '11';
    addMoney(a, path, one(t, 'value'), {
      type,
      iatiType: code,
      ref,
      valueDate: date,
      description: narratives(one(t, 'description'), a.lang)[0]?.text ?? null,
      provider:
        one(t, 'provider-org') ??
        (incoming || code === '5' || code === '6' ? undefined : reporting),
      receiver: one(t, 'receiver-org') ?? (incoming ? reporting : undefined),
      // The amount is never part of the key: a corrected value updates the same record.
      importKey: keys.next(ref ? `transaction|ref|${ref}` : `transaction|${code}|${date ?? ''}`),
    });
  });
}

/** Budgets: a revised budget (type 2) supersedes the original (type 1) of the same period. */
function readBudgets(a: ActivityContext): void {
  const keys = new PositionKeys();
  const budgets = list(a.node, 'budget').map((b, i) => ({
    node: b,
    path: at(a, `budget[${i + 1}]`),
    start: isoDate(one(b, 'period-start')),
    end: isoDate(one(b, 'period-end')),
    revised: attr(b, 'type') === '2',
    committed: attr(b, 'status') === '2',
  }));
  const revisedPeriods = new Set(
    budgets.filter((b) => b.revised).map((b) => `${b.start}|${b.end}`),
  );
  for (const b of budgets) {
    const superseded = !b.revised && revisedPeriods.has(`${b.start}|${b.end}`);
    addMoney(a, b.path, one(b.node, 'value'), {
      type: superseded ? 'ceiling_superseded' : 'ceiling',
      valueDate: b.start,
      description: null,
      periodStart: b.start,
      periodEnd: b.end,
      budgetType: b.revised ? 'revised' : 'original',
      budgetStatus: b.committed ? 'committed' : 'indicative',
      importKey: keys.next(`budget|${b.revised ? 2 : 1}|${b.start ?? ''}|${b.end ?? ''}`),
    });
  }
}

/** Planned disbursements, past or future: planned money with its period, never executed. */
function readPlannedDisbursements(a: ActivityContext): void {
  const keys = new PositionKeys();
  list(a.node, 'planned-disbursement').forEach((d, i) => {
    const start = isoDate(one(d, 'period-start'));
    const end = isoDate(one(d, 'period-end'));
    const revised = attr(d, 'type') === '2';
    addMoney(a, at(a, `planned-disbursement[${i + 1}]`), one(d, 'value'), {
      type: 'planned_disbursement',
      valueDate: start,
      description: null,
      periodStart: start,
      periodEnd: end,
      budgetType: attr(d, 'type') ? (revised ? 'revised' : 'original') : undefined,
      provider: one(d, 'provider-org'),
      receiver: one(d, 'receiver-org'),
      importKey: keys.next(`planned|${attr(d, 'type') ?? ''}|${start ?? ''}|${end ?? ''}`),
    });
  });
}

function readParticipations(a: ActivityContext): void {
  const keys = new PositionKeys();
  const reporting = one(a.node, 'reporting-org');
  const reportingRef = usableRef(attr(reporting, 'ref'));
  const reportingName = narratives(reporting, a.lang)[0]?.text ?? reportingRef;
  if (reporting && reportingName && !a.own)
    addRow(
      a.ctx,
      'participations',
      at(a, 'reporting-org'),
      { action_code: a.code, organisation: reportingName, role: 'reporting' },
      {
        _organisation_ref: reportingRef,
        _organisation_type: orgTypeOf(attr(reporting, 'type')),
        _import_key: 'participation|reporting#1',
      },
    );
  list(a.node, 'participating-org').forEach((p, i) => {
    const role = ROLE[attr(p, 'role') ?? ''];
    const ref = usableRef(attr(p, 'ref'));
    const orgName = narratives(p, a.lang)[0]?.text ?? ref;
    const path = at(a, `participating-org[${i + 1}]`);
    if (!role) {
      warn(a, path, 'skipped_role', 'Unknown organisation role: not imported', attr(p, 'role'));
      return;
    }
    if (!orgName) {
      warn(a, path, 'skipped_org', 'The organisation has neither a ref nor a name: not imported');
      return;
    }
    addRow(
      a.ctx,
      'participations',
      path,
      { action_code: a.code, organisation: orgName, role },
      {
        _organisation_ref: ref,
        _organisation_type: orgTypeOf(attr(p, 'type')),
        _import_key: keys.next(`participation|${ref ?? nameKey(orgName)}|${role}`),
      },
    );
  });
}

/** An indicator value as written, and the number it states when unambiguous. */
const indicatorValue = (text: string | undefined) => ({
  number: readIndicatorNumber(text),
  text: text ?? null,
});

function readResults(a: ActivityContext): void {
  const resultKeys = new PositionKeys();
  list(a.node, 'result').forEach((r, ri) => {
    const path = at(a, `result[${ri + 1}]`);
    const statement = narratives(list(r, 'title')[0], a.lang)[0]?.text;
    if (!statement) {
      fail(a, `${path}/title`, 'required', 'The result has no title');
      return;
    }
    const added = addRow(
      a.ctx,
      'results',
      path,
      { action_code: a.code, statement },
      { _key: path, _import_key: resultKeys.next(`result|${nameKey(statement)}`) },
    );
    if (!added) return;
    const indicatorKeys = new PositionKeys();
    list(r, 'indicator').forEach((n, ni) => {
      const nameText = narratives(list(n, 'title')[0], a.lang)[0]?.text;
      const baseline = list(n, 'baseline')[0];
      const periods = list(n, 'period')
        .map((p) => ({
          end: isoDate(one(p, 'period-end')),
          target: attr(one(p, 'target'), 'value'),
          actual: attr(one(p, 'actual'), 'value'),
        }))
        .sort((x, y) => String(x.end).localeCompare(String(y.end)));
      const target = [...periods].reverse().find((p) => p.target !== undefined);
      const actualP = [...periods].reverse().find((p) => p.actual !== undefined);
      // The export's stand-in for a result without numbers: not an indicator of its own.
      if (nameText === statement && !baseline && !periods.length) return;
      const ipath = `${path}/indicator[${ni + 1}]`;
      if (!nameText) {
        fail(a, `${ipath}/title`, 'required', 'The indicator has no title');
        return;
      }
      const unit =
        narratives(list(n, 'description')[0], a.lang)[0]?.text.match(/^Unidad: ([^.]+)/)?.[1] ??
        null;
      const year = attr(baseline, 'year');
      const b = indicatorValue(attr(baseline, 'value'));
      const t = indicatorValue(target?.target);
      const v = indicatorValue(actualP?.actual);
      const kept: KeptIndicator = {
        attrs: Object.fromEntries(
          Object.entries(n)
            .filter(([k]) => k.startsWith('@') && !k.slice(1).includes(':'))
            .map(([k, x]) => [k.slice(1), decodeXmlText(String(x))]),
        ),
        elements: Object.entries(n)
          .filter(([k]) => !k.startsWith('@') && k !== '#text' && !k.includes(':'))
          .filter(([k]) => k !== 'title' && k !== 'description')
          .flatMap(([k, x]) =>
            (Array.isArray(x) ? x : [x]).map((y) => toXmlElement(k, y, a.lang, decodeXmlText)),
          ),
        derived: {
          baseline: b.number,
          target: t.number,
          actual: v.number,
          baselineText: b.text,
          targetText: t.text,
          actualText: v.text,
        },
      };
      for (const [label, x] of [
        ['baseline', b],
        ['target', t],
        ['actual', v],
      ] as const)
        if (x.text !== null && x.number === null)
          warn(
            a,
            ipath,
            'indicator_text_value',
            `The ${label} is not a number: kept as text`,
            x.text,
          );
      addRow(
        a.ctx,
        'indicators',
        ipath,
        {
          action_code: a.code,
          name: nameText,
          unit,
          baseline_date:
            isoDate(baseline) ?? (year && /^\d{4}$/.test(year) ? `${year}-01-01` : null),
          target_date: target?.end ?? null,
          actual_date: actualP?.end ?? null,
        },
        {
          baseline: b.number,
          target: t.number,
          actual: v.number,
          baseline_text: b.text,
          target_text: t.text,
          actual_text: v.text,
          iati: kept,
          _result_key: path,
          _import_key: indicatorKeys.next(`indicator|${nameKey(nameText)}`),
        },
      );
    });
  });
}

function readActionRow(a: ActivityContext): void {
  const activity = a.node;
  const reporting = one(activity, 'reporting-org');
  const reportingName =
    inLang(narratives(reporting, a.lang), 'es') ?? narratives(reporting, a.lang)[0]?.text;
  const titles = narratives(list(activity, 'title')[0], a.lang);
  const descriptions = list(activity, 'description');
  const describe = (type: string) =>
    descriptions
      .filter((x) => (attr(x, 'type') ?? '1') === type)
      .flatMap((x) => narratives(x, a.lang));
  const summary = describe('1');
  const objectives = describe('2');
  const dates = new Map(list(activity, 'activity-date').map((d) => [attr(d, 'type'), isoDate(d)]));
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
  /** Spanish text, else the first one with its language noted ("[de] …"): never passed off as Spanish. */
  const spanish = (ns: Narrative[]) =>
    inLang(ns, 'es') ?? (ns[0] ? `[${ns[0].lang}] ${ns[0].text}` : null);
  const raw: Record<string, RawCell> = {
    code: a.code,
    title_es: (spanish(titles) ?? a.identifier).slice(0, 500),
    title_en: inLang(titles, 'en') ?? null,
    summary_es: spanish(summary),
    summary_en: inLang(summary, 'en') ?? null,
    objectives: objectives[0]?.text ?? null,
    status: STATUS[attr(one(activity, 'activity-status'), 'code') ?? ''] ?? null,
    planned_start: dates.get('1') ?? null,
    actual_start: dates.get('2') ?? null,
    actual_start_precision: actual(dates.get('2')),
    planned_end: dates.get('3') ?? null,
    actual_end: dates.get('4') ?? null,
    actual_end_precision: actual(dates.get('4')),
    source: `IATI ${a.identifier}${reportingName ? ` · ${reportingName}` : ''}`.slice(0, 2000),
  };
  const scheme = SCHEME[attr(one(activity, 'collaboration-type'), 'code') ?? ''];
  if (scheme) raw.scheme = scheme;
  if (themes.length) raw.themes = [...new Set(themes)].slice(0, 20).join('; ');
  const goals = [...sdgs].filter((g) => g >= 1 && g <= 17).sort((x, y) => x - y);
  if (goals.length) raw.sdgs = goals.join('; ');
  const kept: KeptActivity = {
    elements: Object.entries(activity)
      .filter(([k]) => !k.startsWith('@') && k !== '#text' && !k.includes(':') && !MODELLED.has(k))
      .flatMap(([k, x]) =>
        (Array.isArray(x) ? x : [x]).map((y) => toXmlElement(k, y, a.lang, decodeXmlText)),
      ),
    title: list(activity, 'title')[0]
      ? toXmlElement('title', list(activity, 'title')[0], a.lang, decodeXmlText)
      : null,
    descriptions: descriptions.map((d) => toXmlElement('description', d, a.lang, decodeXmlText)),
    derived: {
      titleEs: raw.title_es as string,
      titleEn: (raw.title_en as string | null) ?? null,
      summaryEs: (raw.summary_es as string | null) ?? null,
      summaryEn: (raw.summary_en as string | null) ?? null,
      objectives: (raw.objectives as string | null) ?? null,
      themes: raw.themes ? String(raw.themes).split('; ') : [],
      sdgs: goals,
    },
  };
  // Our own export read back: the source stays as it was.
  if (a.own) delete raw.source;
  addRow(a.ctx, 'actions', a.base, raw, {
    iati: kept,
    // Our own export cannot show everything an import created: it deletes nothing.
    _own: a.own,
    _defaults: { kind: 'cooperation_project', institute_role: 'recipient' },
  });
}

/** A deterministic identifier for an activity without one: reporting org + digest of its text. */
function standInIdentifier(node: Node): string {
  const reporting = usableRef(attr(one(node, 'reporting-org'), 'ref'));
  const text = [
    ...narratives(list(node, 'title')[0], ''),
    ...list(node, 'description').flatMap((d) => narratives(d, '')),
  ]
    .map((n) => n.text)
    .join('\n');
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `${reporting ?? 'IATI'}-sin-id-${digest}`;
}

/** The action code of an IATI identifier; our own export's prefix is taken off (item 14). */
export function codeOfIdentifier(identifier: string, ownPrefix?: string): string {
  const own = ownPrefix && identifier.startsWith(`${ownPrefix}-`);
  return codeOf(own ? identifier.slice(ownPrefix.length + 1) : identifier);
}

/** Parses an IATI activity file into import rows (errors carry element paths). */
export function readIati(
  name: string,
  buffer: Buffer,
  _today: string,
  options: ReadImportOptions = {},
): ImportInput {
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
  const version = attr(root, 'version');
  // IATI 1.x has another shape; anything else the schema accepts (its own tests say "xx").
  if (version && /^1\./.test(version))
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'IATI 2.0x',
      version,
    });
  const ctx: ReadContext = {
    file: name,
    tables: {
      actions: [],
      participations: [],
      funding: [],
      milestones: [],
      results: [],
      indicators: [],
    },
    issues: [],
    warnings: [],
  };
  list(root, 'iati-activity').forEach((node, ai) => {
    const base = `iati-activity[${ai + 1}]`;
    let identifier = textOf(one(node, 'iati-identifier'))?.trim();
    if (!identifier) {
      // The schema allows an empty identifier: a stand-in made from what the activity says, so
      // that the same activity gets the same one on every import.
      identifier = standInIdentifier(node);
      ctx.warnings.push({
        location: { file: name, path: `${base}/iati-identifier` },
        code: 'missing_identifier',
        message: `The activity has no iati-identifier: imported as ${identifier}`,
        value: identifier,
      });
    }
    const a: ActivityContext = {
      ctx,
      node,
      identifier,
      code: codeOfIdentifier(identifier, options.iati?.ownPrefix),
      own: Boolean(options.iati?.ownPrefix && identifier.startsWith(`${options.iati.ownPrefix}-`)),
      lang: (attr(node, 'xml:lang') ?? attr(root, 'xml:lang') ?? 'en').toLowerCase(),
      currency: attr(node, 'default-currency') ?? attr(root, 'default-currency'),
      base,
    };
    readActionRow(a);
    readParticipations(a);
    readTransactions(a);
    readBudgets(a);
    readPlannedDisbursements(a);
    readResults(a);
  });
  const inputTables: InputTable[] = (Object.keys(ctx.tables) as ExportTable[]).map((table) => ({
    table,
    file: name,
    headers: [],
    rows: ctx.tables[table],
  }));
  return { kind: 'iati', tables: inputTables, issues: ctx.issues, warnings: ctx.warnings };
}
