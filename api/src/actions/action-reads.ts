import type { VersionedTable } from '../cache/table-versions';

/** The tables the cached action answers read (see @CacheAnswer's `reads`). */

/**
 * A page of the list: actions (their last update too: `actions_touched`), partners, stages,
 * progress (settings), responsible people.
 */
export const LIST_READS = [
  'actions',
  'actions_touched',
  'participations',
  'organisations',
  'milestones',
  'action_stages',
  'app_settings',
  'users',
] as const;
/** The detail: the action and every part it shows. */
export const DETAIL_READS = [
  ...LIST_READS,
  'funding',
  'results',
  'indicators',
  'legal_instruments',
  'document_links',
  'evidence_files',
] as const;

/**
 * The count of actions matching the list's filters: the actions and whom they involve (partner
 * scope, partner, role and partner-type filters), and milestones only when filtered by overdue
 * ones. Not their last update: logging a part does not change what matches.
 */
export function listTotalReads(query: { overdue?: boolean }): readonly VersionedTable[] {
  const reads: VersionedTable[] = ['actions', 'participations', 'organisations'];
  if (query.overdue !== undefined) reads.push('milestones');
  return reads;
}
