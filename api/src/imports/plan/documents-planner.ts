import type { PartSpec } from './part-planner';
import { pick } from './plan-util';

/**
 * The action's document links (IATI document-link): by URL within the action; an imported link
 * keeps the element as published (`iati`) for the export.
 */
export const DOCUMENTS: PartSpec = {
  table: 'document_links',
  parent: 'action_id',
  build: (_ctx, r, actionId) => ({
    values: pick(r.values, ['title', 'url', 'iati']),
    parentId: actionId,
  }),
  natural: (v) => String(v.url ?? ''),
  key: (v, r) => `${String(r.values.action_code)} · ${String(v.title)}`,
  deletedKey: (r) => String(r.title),
};
