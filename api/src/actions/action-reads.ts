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
