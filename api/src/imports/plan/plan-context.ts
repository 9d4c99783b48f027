import type {
  Counts,
  ImportInput,
  ImportIssue,
  ImportIssueCode,
  ImportLocation,
  ImportTable,
  InputRow,
  InputTableName,
  PlannedRow,
} from '../import-model';
import { Rec, WRITE_ORDER } from './db-columns';
import { Org, OrganisationBook } from './organisation-book';
import { zero } from './plan-util';

/** The tables of an action's parts (every import table but actions and organisations). */
export type PartTable = Exclude<InputTableName, 'actions'>;

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

/** What the database holds that a file may touch, read once before planning (plain objects). */
export interface StoredRecords {
  organisations: Org[];
  actions: Rec[];
  participations: Rec[];
  funding: Rec[];
  milestones: Rec[];
  results: Rec[];
  /** With `_action_id`, the action of the indicator's result. */
  indicators: Rec[];
  document_links: Rec[];
}

/** The actions of the file, once planned: what the parts hang from. */
export interface ActionBook {
  /** Action code → id, for every action of the file (new or stored). */
  ids: Map<string, string>;
  /** Stored actions by code (parts may name an action that the file does not list). */
  stored: Map<string, Rec>;
  /** IATI: actions whose activity is republished whole (what it no longer holds goes). */
  republished: Map<string, { code: string; location: ImportLocation }>;
}

const perTable = <T>(make: () => T) =>
  Object.fromEntries(WRITE_ORDER.map((t) => [t, make()])) as Record<ImportTable, T>;
const rowKey = (l: ImportLocation) => `${l.file}|${l.sheet ?? ''}|${l.row ?? ''}|${l.path ?? ''}`;

/** The rows of each table that the reader found no problem in. */
export function goodRows(input: ImportInput): (table: InputTableName) => InputRow[] {
  const bad = new Set(input.issues.map((i) => rowKey(i.location)));
  return (table) =>
    input.tables
      .filter((x) => x.table === table)
      .flatMap((x) => x.rows)
      .filter((r) => !bad.has(rowKey(r.location)));
}

/**
 * The one shared state of planning a file: the input, what the database holds, the books each
 * planner fills for the next (organisations, actions, results) and the plan being built (rows,
 * problems, inserts, updates, deletes). Planners run in order and only talk through it.
 */
export class PlanContext {
  readonly issues: ImportIssue[];
  readonly rows: PlannedRow[] = [];
  readonly inserts = perTable<Rec[]>(() => []);
  readonly updates = perTable<PlanResult['updates'][ImportTable]>(() => []);
  readonly deletes = perTable<Rec[]>(() => []);
  readonly organisations: OrganisationBook;
  actions: ActionBook = { ids: new Map(), stored: new Map(), republished: new Map() };
  /** The organisation each participation row names (resolved before the actions). */
  readonly participationOrg = new Map<InputRow, string | null>();
  /** Result ids by the file's id or reader key, and the action of every result. */
  readonly resultIds = new Map<string, string>();
  readonly resultAction = new Map<string, string>();
  /** The rows of a table that the reader found no problem in. */
  readonly rowsOf: (table: InputTableName) => InputRow[];

  constructor(
    readonly input: ImportInput,
    readonly stored: StoredRecords,
  ) {
    this.issues = [...input.issues];
    this.rowsOf = goodRows(input);
    this.organisations = new OrganisationBook(this, stored.organisations);
    for (const r of stored.results) this.resultAction.set(r.id as string, r.action_id as string);
  }

  /** Records a problem at `location` (and `column`), with the offending value. */
  issue(
    location: ImportLocation,
    column: string | undefined,
    code: ImportIssueCode,
    message: string,
    value?: unknown,
  ): void {
    this.issues.push({
      location: column ? { ...location, column } : location,
      code,
      message,
      ...(value !== undefined && value !== null ? { value: String(value).slice(0, 200) } : {}),
    });
  }

  /** The id of the action a part row names (`action_code`), or a problem. */
  actionIdOf(r: InputRow): string | null {
    const code = r.values.action_code as string | null | undefined;
    if (!code) {
      this.issue(r.location, 'action_code', 'required', 'A value is required');
      return null;
    }
    const id = this.actions.ids.get(code) ?? (this.actions.stored.get(code)?.id as string);
    if (!id) {
      this.issue(
        r.location,
        'action_code',
        'unknown_action',
        'No action with this code in the file or the database',
        code,
      );
      return null;
    }
    return id;
  }

  /** The plan: counts per outcome and table, problems in file order. */
  result(): PlanResult {
    const byTable = perTable(zero);
    const counts = zero();
    for (const row of this.rows) {
      byTable[row.table][row.outcome]++;
      counts[row.outcome]++;
    }
    // Problems in file order: by file and sheet as read, then by row (element paths keep theirs).
    const order = new Map(this.input.tables.map((t, i) => [`${t.file}|${t.sheet ?? ''}`, i]));
    const rank = (l: ImportLocation) => order.get(`${l.file}|${l.sheet ?? ''}`) ?? -1;
    this.issues.sort(
      (a, b) =>
        rank(a.location) - rank(b.location) || (a.location.row ?? 0) - (b.location.row ?? 0),
    );
    return {
      rows: this.rows,
      issues: this.issues,
      counts,
      byTable,
      inserts: this.inserts,
      updates: this.updates,
      deletes: this.deletes,
      activities: [],
      skipped: [],
    };
  }
}
