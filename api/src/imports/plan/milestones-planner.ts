import type { PartSpec } from './part-planner';
import { norm, pick } from './plan-util';

/** Milestones: by type and title (case aside) within an action; a date is required. */
export const MILESTONES: PartSpec = {
  table: 'milestones',
  parent: 'action_id',
  build(_ctx, r, actionId) {
    const values = pick(r.values, [
      'type',
      'title',
      'planned_date',
      'actual_date',
      'date_precision',
      'notes',
    ]);
    if ('date_precision' in values && values.date_precision === null) values.date_precision = 'day';
    return { values, parentId: actionId };
  },
  natural: (v) => `${String(v.type)}|${norm(String(v.title ?? ''))}`,
  key: (v, r) => `${String(r.values.action_code)} · ${String(v.title)}`,
  deletedKey: (r) => String(r.id),
};
