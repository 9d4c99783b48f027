import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnswerCache } from './answer-cache';
import { versionOf, type TableVersions, type VersionedTable } from './table-versions';

/** The cached answer being computed: its key and the table versions read before computing it. */
interface AnswerScope {
  key: string;
  versions: TableVersions;
  cache: AnswerCache;
  /** The part being computed, if any (tests check each part's SQL against its reads). */
  part?: { name: string; reads: readonly VersionedTable[] };
}

const scope = new AsyncLocalStorage<AnswerScope>();

/** Runs `compute` (a cached answer's computation) so that its parts can be reused. */
export function computingAnswer<T>(
  answer: Omit<AnswerScope, 'part'>,
  compute: () => Promise<T>,
): Promise<T> {
  return scope.run(answer, compute);
}

/** The part of a cached answer being computed now, if any. */
export function currentPart(): AnswerScope['part'] {
  return scope.getStore()?.part;
}

/**
 * A part of a cached answer that reads fewer tables than the whole answer: computed again only
 * when one of `reads` changed, and otherwise taken from the last computation of the same answer
 * (same key: path, filters, scope, language, day). A milestone logged renews the summary's
 * overdue count, not its money; the action list's page, not the count of matching actions.
 *
 * `reads` must be a subset of the answer's own: the part's version is read from the same
 * versions as the answer's, before anything is computed, so a part is never older than the
 * answer it joins. `api/test/answer-tables.int-spec.ts` fails when a part's SQL reads a table it
 * does not declare. Outside a cached answer (exports, writes, reuse turned off) it just computes.
 * The value goes through JSON (stored as text), so every caller gets its own copy.
 */
export async function answerPart<T>(
  name: string,
  reads: readonly VersionedTable[],
  compute: () => Promise<T>,
): Promise<T> {
  const answer = scope.getStore();
  if (!answer || answer.cache.budgetBytes <= 0) return compute();
  const stored = await answer.cache.answer(
    `part:${name}|${answer.key}`,
    versionOf(answer.versions, reads),
    async () => ({
      body: JSON.stringify(await scope.run({ ...answer, part: { name, reads } }, compute)),
      etag: '',
    }),
    { part: true },
  );
  return JSON.parse(stored.body) as T;
}
