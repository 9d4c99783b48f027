export const ACTION_COLUMNS = [
  'code',
  'title',
  'status',
  'progress',
  'kind',
  'modality',
  'partners',
  'period',
  'updatedAt',
  'overdue',
  'committed',
  'executed',
  'ceilings',
] as const;
export type ActionColumn = (typeof ACTION_COLUMNS)[number];

export const DEFAULT_COLUMNS: ActionColumn[] = [
  'code',
  'title',
  'status',
  'progress',
  'kind',
  'partners',
  'period',
  'overdue',
  'committed',
  'executed',
  'ceilings',
];
const STORAGE_KEY = 'coopera.actions.columns';

/** Column choice survives reloads; unknown or empty stored values fall back to the defaults. */
export function loadColumns(storage: Pick<Storage, 'getItem'> | null): ActionColumn[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (!Array.isArray(parsed)) return [...DEFAULT_COLUMNS];
    const valid = ACTION_COLUMNS.filter((c) => parsed.includes(c));
    return valid.length ? valid : [...DEFAULT_COLUMNS];
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

export function saveColumns(
  storage: Pick<Storage, 'setItem'> | null,
  columns: readonly ActionColumn[],
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Storage full or disabled: the choice just does not persist.
  }
}
