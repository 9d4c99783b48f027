import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { slugify } from '../common/slug';
import type { ExportTable } from '../exports/export-tables';
import { ORGANISATION_TYPES } from '../organisations/organisation.entity';
import {
  Counts,
  ImportInput,
  ImportIssue,
  ImportLocation,
  ImportTable,
  InputRow,
  Outcome,
  PlannedRow,
} from './import-model';
import { stableJson } from './iati-kept';
import { nameKey } from './iati-values';
import { REQUIRED_ON_CREATE } from './import-spec';

type PgType =
  | 'uuid'
  | 'text'
  | 'text[]'
  | 'smallint[]'
  | 'date'
  | 'timestamptz'
  | 'numeric'
  | 'jsonb';
type Rec = Record<string, unknown>;

/** The columns the import writes, per table, with their PostgreSQL types. */
const DB: Record<ImportTable, [string, PgType][]> = {
  organisations: [
    ['id', 'uuid'],
    ['slug', 'text'],
    ['name', 'text'],
    ['acronym', 'text'],
    ['type', 'text'],
    ['country', 'text'],
    ['iati_ref', 'text'],
  ],
  actions: [
    ['id', 'uuid'],
    ['code', 'text'],
    ['kind', 'text'],
    ['title_es', 'text'],
    ['title_en', 'text'],
    ['summary_es', 'text'],
    ['summary_en', 'text'],
    ['objectives', 'text'],
    ['institute_id', 'uuid'],
    ['institute_role', 'text'],
    ['scheme', 'text'],
    ['modality', 'text'],
    ['status', 'text'],
    ['themes', 'text[]'],
    ['unit', 'text'],
    ['municipalities', 'text[]'],
    ['sdgs', 'smallint[]'],
    ['plan_alignment', 'text[]'],
    ['planned_start', 'date'],
    ['planned_end', 'date'],
    ['actual_start', 'date'],
    ['actual_start_precision', 'text'],
    ['actual_end', 'date'],
    ['actual_end_precision', 'text'],
    ['parent_programme', 'text'],
    ['source', 'text'],
    ['archived_at', 'timestamptz'],
    ['notes', 'text'],
    ['iati', 'jsonb'],
  ],
  participations: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['organisation_id', 'uuid'],
    ['role', 'text'],
    ['notes', 'text'],
    ['import_key', 'text'],
  ],
  funding: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['type', 'text'],
    ['amount', 'numeric'],
    ['currency', 'text'],
    ['value_date', 'date'],
    ['value_date_precision', 'text'],
    ['provider_id', 'uuid'],
    ['receiver_id', 'uuid'],
    ['description', 'text'],
    ['iati_type', 'text'],
    ['ref', 'text'],
    ['period_start', 'date'],
    ['period_end', 'date'],
    ['budget_type', 'text'],
    ['budget_status', 'text'],
    ['import_key', 'text'],
  ],
  milestones: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['type', 'text'],
    ['title', 'text'],
    ['planned_date', 'date'],
    ['actual_date', 'date'],
    ['date_precision', 'text'],
    ['notes', 'text'],
  ],
  results: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['statement', 'text'],
    ['import_key', 'text'],
  ],
  indicators: [
    ['id', 'uuid'],
    ['result_id', 'uuid'],
    ['name', 'text'],
    ['unit', 'text'],
    ['baseline', 'numeric'],
    ['baseline_date', 'date'],
    ['target', 'numeric'],
    ['target_date', 'date'],
    ['actual', 'numeric'],
    ['actual_date', 'date'],
    ['notes', 'text'],
    ['baseline_text', 'text'],
    ['target_text', 'text'],
    ['actual_text', 'text'],
    ['import_key', 'text'],
    ['iati', 'jsonb'],
  ],
};

/** Audit entity names, as the rest of the API writes them. */
const ENTITY: Record<ImportTable, string> = {
  organisations: 'organisation',
  actions: 'action',
  participations: 'participation',
  funding: 'funding',
  milestones: 'milestone',
  results: 'result',
  indicators: 'indicator',
};

const WRITE_ORDER: ImportTable[] = [
  'organisations',
  'actions',
  'results',
  'indicators',
  'participations',
  'funding',
  'milestones',
];

const canonical = (col: string, type: PgType, alias: string) => {
  const ref = `${alias}.${col}`;
  switch (type) {
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD') AS ${col}`;
    case 'timestamptz':
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ${col}`;
    case 'numeric':
      return `${ref}::text AS ${col}`;
    case 'smallint[]':
      return `${ref}::int[] AS ${col}`;
    default:
      return `${ref}${col === 'country' || col === 'currency' ? '::text' : ''} AS ${col}`;
  }
};
const selectList = (table: ImportTable, alias: string) =>
  DB[table].map(([c, t]) => canonical(c, t, alias)).join(', ');

function same(type: PgType, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined)
    return (a ?? null) === (b ?? null);
  if (type === 'numeric') return new Decimal(a as string).eq(new Decimal(b as string));
  if (type === 'jsonb') return stableJson(a) === stableJson(b);
  if (type === 'text[]' || type === 'smallint[]')
    return (
      JSON.stringify((a as unknown[]).map(String)) === JSON.stringify((b as unknown[]).map(String))
    );
  return a === b;
}

const EMPTY: Partial<Record<ImportTable, Rec>> = {
  actions: { themes: [], municipalities: [], sdgs: [], plan_alignment: [] },
  milestones: { date_precision: 'day' },
};

function blank(table: ImportTable): Rec {
  const out: Rec = {};
  for (const [c] of DB[table]) out[c] = null;
  return { ...out, ...(EMPTY[table] ?? {}) };
}

interface Org {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: string;
  country: string | null;
  iati_ref: string | null;
}

export interface PlanResult {
  rows: PlannedRow[];
  issues: ImportIssue[];
  counts: Counts;
  byTable: Record<ImportTable, Counts>;
  inserts: Record<ImportTable, Rec[]>;
  updates: Record<ImportTable, { after: Rec; before: Rec; changes: string[] }[]>;
  /** Records an earlier import created that the republished activity no longer holds. */
  deletes: Record<ImportTable, Rec[]>;
  /** IATI: what each activity would get (its rows' outcomes) and how many problems it has. */
  activities: ActivityPlan[];
  /** `atomicity: 'activity'`: the problems of the activities left out (the rest applies). */
  skipped: ImportIssue[];
}

export interface ActivityPlan {
  /** XML path of the activity (`iati-activity[3]`) and its action code. */
  path: string;
  code: string | null;
  counts: Counts;
  errors: number;
  skipped: boolean;
}

/**
 * The unit of all-or-nothing: the whole file (default: any error refuses everything), or each
 * IATI activity (activities with errors are left out and listed in `skipped`; the others apply in
 * the one transaction).
 */
export type Atomicity = 'file' | 'activity';
export interface PlanOptions {
  atomicity?: Atomicity;
}

/**
 * Plans an import (see planOnce). With `atomicity: 'activity'` an IATI file's activities with
 * errors are left out: their problems move to `skipped` and the rest is planned again (a few
 * rounds at most, as leaving one out can only remove problems of others). Problems outside any
 * activity still refuse the file.
 */
export async function planImport(
  m: EntityManager,
  input: ImportInput,
  options: PlanOptions = {},
): Promise<PlanResult> {
  let plan = await planOnce(m, input);
  const skipped: ImportIssue[] = [];
  const left = new Set<string>();
  for (
    let round = 0;
    options.atomicity === 'activity' && input.kind === 'iati' && round < 3;
    round++
  ) {
    const failed = new Set(plan.issues.map((i) => activityPath(i.location.path)));
    if (!plan.issues.length || failed.has('')) break;
    skipped.push(...plan.issues);
    for (const f of failed) left.add(f);
    const kept = (l: ImportLocation) => !left.has(activityPath(l.path));
    input = {
      ...input,
      tables: input.tables.map((t) => ({ ...t, rows: t.rows.filter((r) => kept(r.location)) })),
      issues: input.issues.filter((i) => kept(i.location)),
    };
    plan = await planOnce(m, input);
  }
  for (const a of plan.activities) a.skipped = left.has(a.path);
  for (const path of left)
    if (!plan.activities.some((a) => a.path === path))
      plan.activities.push({
        path,
        code: null,
        counts: zero(),
        errors: skipped.filter((i) => activityPath(i.location.path) === path).length,
        skipped: true,
      });
  plan.activities.sort((a, b) => activityIndex(a.path) - activityIndex(b.path));
  return { ...plan, skipped };
}

const activityIndex = (path: string) => Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);

/** The per-activity view of a plan's rows and problems (IATI files only). */
function activitiesOf(
  input: ImportInput,
  rows: PlannedRow[],
  issues: ImportIssue[],
): ActivityPlan[] {
  if (input.kind !== 'iati') return [];
  const byPath = new Map<string, ActivityPlan>();
  const entry = (path: string) => {
    let a = byPath.get(path);
    if (!a) byPath.set(path, (a = { path, code: null, counts: zero(), errors: 0, skipped: false }));
    return a;
  };
  for (const r of input.tables.find((t) => t.table === 'actions')?.rows ?? [])
    entry(activityPath(r.location.path)).code = (r.values.code as string | null) ?? null;
  for (const r of rows)
    if (r.location.path) entry(activityPath(r.location.path)).counts[r.outcome]++;
  for (const i of issues) if (i.location.path) entry(activityPath(i.location.path)).errors++;
  return [...byPath.values()].sort((a, b) => activityIndex(a.path) - activityIndex(b.path));
}

const zero = (): Counts => ({ create: 0, update: 0, unchanged: 0, delete: 0 });
const tables = (): ImportTable[] => [...WRITE_ORDER];
const rowKey = (l: ImportLocation) => `${l.file}|${l.sheet ?? ''}|${l.row ?? ''}|${l.path ?? ''}`;
const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();

/**
 * Plans an import against the database as it is (inside the caller's transaction): for every row
 * what would be created, updated or left unchanged, and every problem with its location. Rows
 * are matched by stable keys: actions by code; parts by their id when the database holds it,
 * otherwise by a natural key within the action (participation: organisation + role; funding:
 * type, amount, currency, date, provider, receiver; milestone: type + title; result: statement;
 * indicator: result + name); organisations by id, IATI ref, then name (case-insensitive).
 * IATI rows carry the key of their element (`_import_key`, position among equals in file order)
 * and match the record that key created; what an earlier import of a republished activity created
 * and the file no longer holds is deleted (never records made by hand).
 */
async function planOnce(m: EntityManager, input: ImportInput): Promise<PlanResult> {
  const issues: ImportIssue[] = [...input.issues];
  const badRows = new Set(input.issues.map((i) => rowKey(i.location)));
  const rows: PlannedRow[] = [];
  const inserts = Object.fromEntries(
    tables().map((t) => [t, []]),
  ) as unknown as PlanResult['inserts'];
  const updates = Object.fromEntries(
    tables().map((t) => [t, []]),
  ) as unknown as PlanResult['updates'];
  const deletes = Object.fromEntries(
    tables().map((t) => [t, []]),
  ) as unknown as PlanResult['deletes'];
  const issue = (
    location: ImportLocation,
    column: string | undefined,
    code: string,
    message: string,
    value?: unknown,
  ) =>
    issues.push({
      location: column ? { ...location, column } : location,
      code,
      message,
      ...(value !== undefined && value !== null ? { value: String(value).slice(0, 200) } : {}),
    });
  const rowsOf = (t: ExportTable): InputRow[] =>
    input.tables
      .filter((x) => x.table === t)
      .flatMap((x) => x.rows)
      .filter((r) => !badRows.has(rowKey(r.location)));

  // ---- organisations --------------------------------------------------------------------
  const orgs: Org[] = await m.query(
    `SELECT ${selectList('organisations', 'o')} FROM organisations o ORDER BY o.created_at, o.id`,
  );
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const orgByName = new Map<string, Org>();
  const orgByRef = new Map<string, Org>();
  // Organisations without a ref, by name without case or accents (the ref-less group).
  const orgByRefless = new Map<string, Org>();
  const slugs = new Set(orgs.map((o) => o.slug));
  const index = (o: Org) => {
    if (!orgByName.has(norm(o.name))) orgByName.set(norm(o.name), o);
    if (o.iati_ref && !orgByRef.has(o.iati_ref)) orgByRef.set(o.iati_ref, o);
    if (!o.iati_ref && !orgByRefless.has(nameKey(o.name))) orgByRefless.set(nameKey(o.name), o);
  };
  /**
   * By name: without case or accents within the ref-less group; an organisation with another ref
   * is never taken for one with a ref; without a ref, the same name (case aside) is.
   */
  const byName = (name: string, ref: string | null | undefined) =>
    orgByRefless.get(nameKey(name)) ?? (ref ? undefined : orgByName.get(norm(name)));
  orgs.forEach(index);
  const newOrgs = new Set<string>();
  const orgWanted = new Map<string, { values: Rec; location: ImportLocation }>();
  const uniqueSlug = (name: string) => {
    const base = slugify(name);
    let slug = base;
    for (let i = 2; slugs.has(slug); i++) slug = `${base.slice(0, 55)}-${i}`;
    slugs.add(slug);
    return slug;
  };
  /** The organisation a row names, created when unknown; its attributes as the row states them. */
  const orgFor = (
    location: ImportLocation,
    column: string,
    want: {
      id?: string | null;
      name?: string | null;
      ref?: string | null;
      attrs?: Rec;
      defaults?: Rec;
    },
  ): string | null => {
    let org =
      (want.id ? orgById.get(want.id) : undefined) ??
      (want.ref ? orgByRef.get(want.ref) : undefined) ??
      (want.name ? byName(want.name, want.ref) : undefined);
    if (!org) {
      const name = want.name?.trim() || want.ref;
      if (!name) return null;
      const stated = { ...(want.defaults ?? {}), ...(want.attrs ?? {}) };
      const type = (stated.type as string | null) ?? 'other';
      const id = want.id && !orgById.has(want.id) ? want.id : randomUUID();
      org = {
        id,
        slug: uniqueSlug(name),
        name: want.name ?? name,
        acronym: (stated.acronym as string | null) ?? null,
        type: (ORGANISATION_TYPES as readonly string[]).includes(type) ? type : 'other',
        country: (stated.country as string | null) ?? null,
        iati_ref: want.ref ?? null,
      };
      orgById.set(id, org);
      index(org);
      newOrgs.add(id);
      inserts.organisations.push({ ...org });
      rows.push({
        location: { ...location, column },
        table: 'organisations',
        key: org.name,
        outcome: 'create',
      });
      orgWanted.set(id, { values: { ...org }, location });
      return id;
    }
    // Attributes the row states for a known organisation (name by id, acronym, type, country, IATI ref).
    const values: Rec = { ...(want.attrs ?? {}) };
    if (want.id && want.name) values.name = want.name;
    if (want.ref && !org.iati_ref) values.iati_ref = want.ref;
    const previous = orgWanted.get(org.id);
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) continue;
      if (previous && k in previous.values && !same('text', previous.values[k], v)) {
        issue(
          location,
          column,
          'organisation_conflict',
          `The organisation "${org.name}" is given another ${k} in ${describe(previous.location)}`,
          v,
        );
        return org.id;
      }
    }
    orgWanted.set(org.id, {
      values: { ...(previous?.values ?? {}), ...values },
      location: previous?.location ?? location,
    });
    const known = org;
    if (newOrgs.has(known.id)) {
      const created = inserts.organisations.find((o) => o.id === known.id);
      if (created) Object.assign(created, values);
      return known.id;
    }
    const changes = Object.keys(values).filter(
      (k) => values[k] !== undefined && !same('text', (org as unknown as Rec)[k], values[k]),
    );
    if (changes.length) {
      const existing = updates.organisations.find((u) => u.before.id === known.id);
      if (existing) {
        Object.assign(existing.after, values);
        existing.changes = [...new Set([...existing.changes, ...changes])];
      } else {
        updates.organisations.push({ before: { ...org }, after: { ...org, ...values }, changes });
        rows.push({
          location: { ...location, column },
          table: 'organisations',
          key: org.name,
          outcome: 'update',
          changes,
        });
      }
    }
    return org.id;
  };

  // Participations first: they carry the organisations' ids and attributes.
  const participationRows = rowsOf('participations');
  const participationOrg = new Map<InputRow, string | null>();
  for (const r of participationRows) {
    const v = r.values;
    if (!v.organisation) {
      issue(r.location, 'organisation', 'required', 'A value is required');
      participationOrg.set(r, null);
      continue;
    }
    const country = v.organisation_country as string | null | undefined;
    if (country && !/^[A-Z]{2}$/.test(country)) {
      issue(
        r.location,
        'organisation_country',
        'invalid_country',
        'An ISO 3166 code such as MX',
        country,
      );
      participationOrg.set(r, null);
      continue;
    }
    const attrs: Rec = {};
    if ('organisation_acronym' in v) attrs.acronym = v.organisation_acronym;
    if ('organisation_type' in v && v.organisation_type) attrs.type = v.organisation_type;
    if ('organisation_country' in v) attrs.country = v.organisation_country;
    participationOrg.set(
      r,
      orgFor(r.location, 'organisation', {
        id: v.organisation_id as string | undefined,
        name: v.organisation as string,
        ref: v._organisation_ref as string | undefined,
        attrs,
        defaults: v._organisation_type ? { type: v._organisation_type } : undefined,
      }),
    );
  }

  // ---- actions --------------------------------------------------------------------------
  const actionRows = rowsOf('actions');
  const codes = new Set<string>();
  for (const t of input.tables)
    for (const r of t.rows) {
      const c = (r.values.code ?? r.values.action_code) as string | undefined;
      if (c) codes.add(c);
    }
  const fileActionIds = actionRows.map((r) => r.values.id).filter(Boolean) as string[];
  const existingActions: Rec[] = await m.query(
    `SELECT ${selectList('actions', 'a')} FROM actions a WHERE a.code = ANY($1::text[]) OR a.id = ANY($2::uuid[])`,
    [[...codes], fileActionIds],
  );
  const actionByCode = new Map(existingActions.map((a) => [a.code as string, a]));
  const actionById = new Map(existingActions.map((a) => [a.id as string, a]));
  const fileActions = new Map<string, string>();
  const seenCodes = new Map<string, ImportLocation>();
  for (const r of actionRows) {
    const v = r.values;
    const code = v.code as string | null;
    if (!code) {
      issue(r.location, 'code', 'required', 'A value is required');
      continue;
    }
    if (seenCodes.has(code)) {
      issue(
        r.location,
        'code',
        'duplicate_key',
        `The code is already in ${describe(seenCodes.get(code) as ImportLocation)}`,
        code,
      );
      continue;
    }
    seenCodes.set(code, r.location);
    const existing = actionByCode.get(code);
    const fileId = v.id as string | undefined | null;
    if (!existing && fileId && actionById.has(fileId)) {
      issue(
        r.location,
        'id',
        'id_conflict',
        `The id belongs to action ${String(actionById.get(fileId)?.code)}`,
        fileId,
      );
      continue;
    }
    const desired: Rec = existing ? { ...existing } : blank('actions');
    for (const [k, value] of Object.entries(v)) {
      if (k === 'id' || k === 'institute' || value === undefined) continue;
      if (k.startsWith('_')) continue;
      desired[k] = value;
    }
    if ('institute' in v) {
      desired.institute_id = v.institute
        ? orgFor(r.location, 'institute', {
            name: v.institute as string,
            defaults: { type: 'subnational_government' },
          })
        : null;
    }
    if (!existing)
      for (const [k, value] of Object.entries((v._defaults as Rec | undefined) ?? {}))
        if (desired[k] === null || desired[k] === undefined) desired[k] = value;
    if (!checkRequired('actions', desired, !existing, r.location, issue)) continue;
    if (
      !checkDates(desired, r.location, issue, [
        ['planned_start', 'planned_end'],
        ['actual_start', 'actual_end'],
      ])
    )
      continue;
    let outcome: Outcome;
    if (existing) {
      const changes = diff('actions', existing, desired);
      outcome = changes.length ? 'update' : 'unchanged';
      if (changes.length) updates.actions.push({ before: existing, after: desired, changes });
      rows.push({
        location: r.location,
        table: 'actions',
        key: code,
        outcome,
        ...(changes.length ? { changes } : {}),
      });
      fileActions.set(code, existing.id as string);
    } else {
      desired.id = fileId ?? randomUUID();
      desired.code = code;
      inserts.actions.push(desired);
      rows.push({ location: r.location, table: 'actions', key: code, outcome: 'create' });
      fileActions.set(code, desired.id as string);
    }
  }
  // IATI activities replace what earlier imports of them created (not those with errors).
  const republished = new Map<string, { code: string; location: ImportLocation }>();
  if (input.kind === 'iati') {
    const failed = new Set(input.issues.map((i) => activityPath(i.location.path)));
    for (const r of actionRows) {
      const code = r.values.code as string | null;
      const id = code ? fileActions.get(code) : undefined;
      if (id && !r.values._own && !failed.has(activityPath(r.location.path)))
        republished.set(id, { code: code as string, location: r.location });
    }
  }
  const actionIdOf = (r: InputRow): string | null => {
    const code = r.values.action_code as string | null | undefined;
    if (!code) {
      issue(r.location, 'action_code', 'required', 'A value is required');
      return null;
    }
    const id = fileActions.get(code) ?? (actionByCode.get(code)?.id as string | undefined);
    if (!id) {
      issue(
        r.location,
        'action_code',
        'unknown_action',
        'No action with this code in the file or the database',
        code,
      );
      return null;
    }
    return id;
  };

  // ---- parts ----------------------------------------------------------------------------
  const knownActionIds = existingActions.map((a) => a.id as string);
  const partIds = (t: ExportTable) =>
    rowsOf(t)
      .map((r) => r.values.id)
      .filter(Boolean) as string[];
  const loadParts = (t: 'participations' | 'funding' | 'milestones' | 'results'): Promise<Rec[]> =>
    m.query(
      `SELECT ${selectList(t, 'x')} FROM ${t} x WHERE x.action_id = ANY($1::uuid[]) OR x.id = ANY($2::uuid[]) ORDER BY x.created_at, x.id`,
      [knownActionIds, partIds(t)],
    );
  // One connection (the caller's transaction): the queries run one after the other.
  const participations = await loadParts('participations');
  const funding = await loadParts('funding');
  const milestones = await loadParts('milestones');
  const results = await loadParts('results');
  const indicators: Rec[] = await m.query(
    `SELECT ${selectList('indicators', 'x')}, r.action_id AS _action_id FROM indicators x JOIN results r ON r.id = x.result_id
      WHERE r.action_id = ANY($1::uuid[]) OR x.id = ANY($2::uuid[]) ORDER BY x.created_at, x.id`,
    [knownActionIds, partIds('indicators')],
  );
  const resultIds = new Map<string, string>();
  const resultAction = new Map<string, string>(
    results.map((r) => [r.id as string, r.action_id as string]),
  );

  const plan = (
    table: Exclude<ExportTable, 'actions'>,
    existing: Rec[],
    parent: 'action_id' | 'result_id',
    build: (r: InputRow, actionId: string) => { values: Rec; parentId: string } | null,
    natural: (v: Rec) => string,
    key: (v: Rec, r: InputRow) => string,
    unique = false,
  ) => {
    const byId = new Map(existing.map((e) => [e.id as string, e]));
    const byNatural = new Map<string, Rec[]>();
    for (const e of existing) {
      const k = `${String(e[parent])}|${natural(e)}`;
      byNatural.set(k, [...(byNatural.get(k) ?? []), e]);
    }
    const used = new Set<string>();
    const seen = new Map<string, ImportLocation>();
    // Imported records by the key of the element that created them (deterministic matching).
    const byImportKey = new Map<string, Rec>();
    for (const e of existing)
      if (e.import_key) byImportKey.set(`${String(e[parent])}|${String(e.import_key)}`, e);
    for (const r of rowsOf(table)) {
      const actionId = actionIdOf(r);
      if (!actionId) continue;
      const built = build(r, actionId);
      if (!built) continue;
      const fileId = r.values.id as string | undefined | null;
      const importKey = r.values._import_key as string | undefined;
      const nk = `${built.parentId}|${natural(built.values)}`;
      if (unique) {
        if (seen.has(nk)) {
          issue(
            r.location,
            undefined,
            'duplicate_key',
            `The same record is already in ${describe(seen.get(nk) as ImportLocation)}`,
          );
          continue;
        }
        seen.set(nk, r.location);
      }
      let match: Rec | undefined;
      const byFileId = fileId ? byId.get(fileId) : undefined;
      if (byFileId) {
        match = byFileId;
        const owner =
          table === 'indicators' ? String(byFileId._action_id) : String(byFileId[parent]);
        if (owner !== actionId) {
          issue(
            r.location,
            'id',
            'id_conflict',
            'The id belongs to a record of another action',
            fileId,
          );
          continue;
        }
      } else if (importKey) {
        // A republished element: the record it created, else (participations: one per
        // organisation and role) the hand-made one it names; never another by its values.
        match = byImportKey.get(`${built.parentId}|${importKey}`);
        if (!match && table === 'participations')
          match = byNatural.get(nk)?.find((e) => !used.has(e.id as string));
      } else match = byNatural.get(nk)?.find((e) => !used.has(e.id as string));
      if (match && used.has(match.id as string)) {
        issue(r.location, 'id', 'duplicate_key', 'The record appears twice in the file', fileId);
        continue;
      }
      const k = key(built.values, r);
      if (match) {
        used.add(match.id as string);
        const { _action_id: _ignored, ...before } = match;
        const after: Rec = { ...before, ...built.values, [parent]: built.parentId };
        if (!checkRequired(table, after, false, r.location, issue)) continue;
        if (!checkMilestoneDates(table, after, r.location, issue)) continue;
        const changes = diff(table, before, after);
        if (changes.length) updates[table].push({ before, after, changes });
        rows.push({
          location: r.location,
          table,
          key: k,
          outcome: changes.length ? 'update' : 'unchanged',
          ...(changes.length ? { changes } : {}),
        });
        if (table === 'results') {
          if (fileId) resultIds.set(fileId, match.id as string);
          if (r.values._key) resultIds.set(String(r.values._key), match.id as string);
        }
      } else {
        const after: Rec = { ...blank(table), ...built.values, [parent]: built.parentId };
        if (!checkRequired(table, after, true, r.location, issue)) continue;
        if (!checkMilestoneDates(table, after, r.location, issue)) continue;
        after.id = fileId && !byId.has(fileId) ? fileId : randomUUID();
        if (importKey) after.import_key = importKey;
        inserts[table].push(after);
        rows.push({ location: r.location, table, key: k, outcome: 'create' });
        if (table === 'results') {
          if (fileId) resultIds.set(fileId, after.id as string);
          if (r.values._key) resultIds.set(String(r.values._key), after.id as string);
          resultAction.set(after.id as string, actionId);
        }
      }
    }
    // The activity as published is the whole truth: what an earlier import of it created and it
    // no longer holds goes. Records made by hand (no import_key) are never deleted.
    for (const e of existing) {
      if (!e.import_key || used.has(e.id as string)) continue;
      const actionId = String(table === 'indicators' ? e._action_id : e.action_id);
      const owner = republished.get(actionId);
      if (!owner) continue;
      const { _action_id: _ignored, ...before } = e;
      deletes[table].push({ ...before, action_id: actionId });
      rows.push({
        location: owner.location,
        table,
        key: `${owner.code} · ${deletedKey(table, before)}`,
        outcome: 'delete',
      });
    }
  };
  const codeOf = (r: InputRow) => String(r.values.action_code);
  const pick = (v: Rec, cols: string[]) => {
    const out: Rec = {};
    for (const c of cols) if (c in v && v[c] !== undefined) out[c] = v[c];
    return out;
  };

  plan(
    'participations',
    participations,
    'action_id',
    (r, actionId) => {
      const org = participationOrg.get(r);
      if (!org) return null;
      if (!r.values.role) {
        issue(r.location, 'role', 'required', 'A value is required');
        return null;
      }
      return {
        values: { ...pick(r.values, ['role', 'notes']), organisation_id: org },
        parentId: actionId,
      };
    },
    (v) => `${String(v.organisation_id)}|${String(v.role)}`,
    (v, r) => `${codeOf(r)} · ${String(r.values.organisation)} (${String(v.role)})`,
    true,
  );

  const partyOrg = (r: InputRow, column: 'provider' | 'receiver'): string | null | undefined => {
    if (!(column in r.values)) return undefined;
    const name = r.values[column] as string | null;
    const ref = r.values[`_${column}_ref`] as string | undefined;
    if (!name && !ref) return null;
    return orgFor(r.location, column, {
      name,
      ref,
      defaults: r.values[`_${column}_type`] ? { type: r.values[`_${column}_type`] } : undefined,
    });
  };
  plan(
    'funding',
    funding,
    'action_id',
    (r, actionId) => {
      const values = pick(r.values, [
        'type',
        'amount',
        'currency',
        'value_date',
        'value_date_precision',
        'description',
        'iati_type',
        'ref',
        'period_start',
        'period_end',
        'budget_type',
        'budget_status',
      ]);
      const provider = partyOrg(r, 'provider');
      const receiver = partyOrg(r, 'receiver');
      if (provider !== undefined) values.provider_id = provider;
      if (receiver !== undefined) values.receiver_id = receiver;
      return { values, parentId: actionId };
    },
    (v) =>
      [
        v.type,
        v.amount ? new Decimal(v.amount as string).toFixed(2) : '',
        v.currency,
        v.value_date,
        v.provider_id,
        v.receiver_id,
      ]
        .map((x) => String(x ?? ''))
        .join('|'),
    (v, r) =>
      `${codeOf(r)} · ${String(v.type)} ${String(v.currency ?? '')} ${String(v.amount)}`.replace(
        /\s+/g,
        ' ',
      ),
  );

  plan(
    'milestones',
    milestones,
    'action_id',
    (r, actionId) => {
      const values = pick(r.values, [
        'type',
        'title',
        'planned_date',
        'actual_date',
        'date_precision',
        'notes',
      ]);
      if ('date_precision' in values && values.date_precision === null)
        values.date_precision = 'day';
      return { values, parentId: actionId };
    },
    (v) => `${String(v.type)}|${norm(String(v.title ?? ''))}`,
    (v, r) => `${codeOf(r)} · ${String(v.title)}`,
  );

  plan(
    'results',
    results,
    'action_id',
    (r, actionId) => ({ values: pick(r.values, ['statement']), parentId: actionId }),
    (v) => norm(String(v.statement ?? '')),
    (v, r) => `${codeOf(r)} · ${String(v.statement).slice(0, 60)}`,
  );

  plan(
    'indicators',
    indicators,
    'result_id',
    (r, actionId) => {
      const ref = (r.values.result_id ?? r.values._result_key) as string | null | undefined;
      const resultId = ref
        ? (resultIds.get(ref) ?? (resultAction.has(ref) ? ref : undefined))
        : undefined;
      if (!ref) {
        issue(r.location, 'result_id', 'required', 'A value is required');
        return null;
      }
      if (!resultId) {
        issue(
          r.location,
          'result_id',
          'unknown_result',
          'No result with this id in the file or the database',
          ref,
        );
        return null;
      }
      if (resultAction.get(resultId) !== actionId) {
        issue(r.location, 'result_id', 'id_conflict', 'The result belongs to another action', ref);
        return null;
      }
      const values = pick(r.values, [
        'name',
        'unit',
        'baseline',
        'baseline_date',
        'target',
        'target_date',
        'actual',
        'actual_date',
        'notes',
        'baseline_text',
        'target_text',
        'actual_text',
        'iati',
      ]);
      return { values, parentId: resultId };
    },
    (v) => norm(String(v.name ?? '')),
    (v, r) => `${codeOf(r)} · ${String(v.name)}`,
  );

  const byTable = Object.fromEntries(tables().map((t) => [t, zero()])) as Record<
    ImportTable,
    Counts
  >;
  const counts = zero();
  for (const row of rows) {
    byTable[row.table][row.outcome]++;
    counts[row.outcome]++;
  }
  // Problems in file order: by file and sheet as read, then by row (element paths keep theirs).
  const order = new Map(input.tables.map((t, i) => [`${t.file}|${t.sheet ?? ''}`, i]));
  const rank = (l: ImportLocation) => order.get(`${l.file}|${l.sheet ?? ''}`) ?? -1;
  issues.sort(
    (a, b) => rank(a.location) - rank(b.location) || (a.location.row ?? 0) - (b.location.row ?? 0),
  );
  return {
    rows,
    issues,
    counts,
    byTable,
    inserts,
    updates,
    deletes,
    activities: activitiesOf(input, rows, issues),
    skipped: [],
  };
}

/** `iati-activity[3]/transaction[2]/value` → `iati-activity[3]`. */
const activityPath = (path: string | undefined) => path?.split('/')[0] ?? '';

/** How a deleted record is named in the report. */
function deletedKey(table: ImportTable, r: Rec): string {
  switch (table) {
    case 'funding':
      return `${String(r.type)} ${String(r.currency ?? '')} ${String(r.amount)}`.replace(
        /\s+/g,
        ' ',
      );
    case 'results':
      return String(r.statement).slice(0, 60);
    case 'indicators':
      return String(r.name);
    case 'participations':
      return `${String(r.role)} ${String(r.organisation_id)}`;
    default:
      return String(r.id);
  }
}

function describe(l: ImportLocation): string {
  return [l.file, l.sheet, l.row ? `row ${l.row}` : null, l.path].filter(Boolean).join(', ');
}

function diff(table: ImportTable, before: Rec, after: Rec): string[] {
  return DB[table].filter(([c, t]) => c !== 'id' && !same(t, before[c], after[c])).map(([c]) => c);
}

function checkRequired(
  table: ExportTable,
  values: Rec,
  creating: boolean,
  location: ImportLocation,
  issue: (l: ImportLocation, c: string, code: string, message: string) => void,
): boolean {
  const cols = creating
    ? REQUIRED_ON_CREATE[table]
    : REQUIRED_ON_CREATE[table].filter((c) => c in values);
  const missing = cols.filter((c) => values[c] === null || values[c] === undefined);
  for (const c of missing) issue(location, c, 'required', 'A value is required');
  return missing.length === 0;
}

/** A milestone needs a planned or an actual date (the database's milestones_date_check). */
function checkMilestoneDates(
  table: ExportTable,
  values: Rec,
  location: ImportLocation,
  issue: (l: ImportLocation, c: string, code: string, message: string) => void,
): boolean {
  if (table !== 'milestones' || values.planned_date || values.actual_date) return true;
  issue(location, 'planned_date', 'required', 'A milestone needs a planned or an actual date');
  return false;
}

function checkDates(
  values: Rec,
  location: ImportLocation,
  issue: (l: ImportLocation, c: string, code: string, message: string) => void,
  pairs: [string, string][],
): boolean {
  let ok = true;
  for (const [start, end] of pairs) {
    const s = values[start] as string | null;
    const e = values[end] as string | null;
    if (s && e && e < s) {
      issue(location, end, 'date_order', `Must not be before ${start} (${s})`);
      ok = false;
    }
  }
  return ok;
}

const CHUNK = 2000;

/** Writes a plan (inside the caller's transaction) and its audit rows; returns nothing. */
export async function applyPlan(m: EntityManager, plan: PlanResult, actor: Actor): Promise<void> {
  const audit: Rec[] = [];
  const actionOf = (t: ImportTable, r: Rec, resultAction: Map<string, string>) =>
    t === 'actions'
      ? r.id
      : t === 'indicators'
        ? (resultAction.get(r.result_id as string) ?? null)
        : (r.action_id ?? null);
  const resultAction = new Map<string, string>();
  for (const r of plan.inserts.results) resultAction.set(r.id as string, r.action_id as string);
  for (const u of plan.updates.results)
    resultAction.set(u.after.id as string, u.after.action_id as string);
  const indicatorResults = [
    ...plan.inserts.indicators,
    ...plan.updates.indicators.map((u) => u.after),
  ]
    .map((r) => r.result_id as string)
    .filter((id) => !resultAction.has(id));
  if (indicatorResults.length) {
    const owners: { id: string; action_id: string }[] = await m.query(
      `SELECT id, action_id FROM results WHERE id = ANY($1::uuid[])`,
      [[...new Set(indicatorResults)]],
    );
    for (const o of owners) resultAction.set(o.id, o.action_id);
  }
  const withActor = (t: ImportTable) => t === 'actions';
  // Deletes first, children before parents (indicators, results, money, participations).
  for (const t of [...WRITE_ORDER].reverse()) {
    const gone = plan.deletes[t];
    if (!gone.length) continue;
    await m.query(`DELETE FROM ${t} WHERE id = ANY($1::uuid[])`, [gone.map((r) => r.id)]);
    for (const r of gone)
      audit.push({
        operation: 'delete',
        entity: ENTITY[t],
        entity_id: r.id,
        action_id: r.action_id ?? null,
        before: t === 'indicators' ? { ...r, action_id: undefined } : r,
        after: null,
      });
  }
  for (const t of WRITE_ORDER) {
    const cols = DB[t];
    const recordset = `jsonb_to_recordset($1::jsonb) AS r(${cols.map(([c, ty]) => `${c} ${ty}`).join(', ')})`;
    const inserted = plan.inserts[t];
    for (let i = 0; i < inserted.length; i += CHUNK) {
      const chunk = inserted.slice(i, i + CHUNK);
      const names = cols.map(([c]) => c);
      await m.query(
        `INSERT INTO ${t} (${names.join(', ')}${withActor(t) ? ', created_by, updated_by' : ''})
         SELECT ${names.map((c) => `r.${c}`).join(', ')}${withActor(t) ? ', $2::uuid, $2::uuid' : ''} FROM ${recordset}`,
        withActor(t) ? [JSON.stringify(chunk), actor.id] : [JSON.stringify(chunk)],
      );
    }
    const updated = plan.updates[t];
    for (let i = 0; i < updated.length; i += CHUNK) {
      const chunk = updated.slice(i, i + CHUNK).map((u) => u.after);
      const set = cols
        .filter(([c]) => c !== 'id' && c !== 'slug')
        .map(([c]) => `${c} = r.${c}`)
        .join(', ');
      await m.query(
        `UPDATE ${t} t SET ${set}, version = t.version + 1, updated_at = now()${withActor(t) ? ', updated_by = $2::uuid' : ''}
           FROM ${recordset} WHERE t.id = r.id`,
        withActor(t) ? [JSON.stringify(chunk), actor.id] : [JSON.stringify(chunk)],
      );
    }
    for (const r of inserted)
      audit.push({
        operation: 'create',
        entity: ENTITY[t],
        entity_id: r.id,
        action_id: actionOf(t, r, resultAction),
        before: null,
        after: r,
      });
    for (const u of updated) {
      const before: Rec = {};
      const after: Rec = {};
      for (const c of u.changes) {
        before[c] = u.before[c];
        after[c] = u.after[c];
      }
      audit.push({
        operation: 'update',
        entity: ENTITY[t],
        entity_id: u.after.id,
        action_id: actionOf(t, u.after, resultAction),
        before,
        after,
      });
    }
  }
  for (let i = 0; i < audit.length; i += CHUNK) {
    await m.query(
      `INSERT INTO audit_log (actor_id, actor_email, operation, entity, entity_id, action_id, before, after, request_id)
       SELECT $2::uuid, $3, r.operation, r.entity, r.entity_id, r.action_id, r.before, r.after, $4
         FROM jsonb_to_recordset($1::jsonb) AS r(operation text, entity text, entity_id text, action_id uuid, before jsonb, after jsonb)`,
      [JSON.stringify(audit.slice(i, i + CHUNK)), actor.id, actor.email, actor.requestId],
    );
  }
}
