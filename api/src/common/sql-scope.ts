/* Raw-SQL building blocks every feature shares: positional parameters, search words, partner scoping. */
import type { AuthUser } from '../auth/auth-user';

/** Collects positional parameters for raw SQL. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The words of a search box, each escaped for LIKE ("guadalajara  medellín" → two words). */
export const searchWords = (q: string | undefined): string[] =>
  (q ?? '').split(/\s+/).filter(Boolean).slice(0, 12).map(likeEscape);

/** Every word must occur in `column` (already folded), accents and case ignored. */
export function allWordsLike(column: string, q: string | undefined, params: SqlParams): string[] {
  return searchWords(q).map((w) => `${column} LIKE '%' || coopera_fold(${params.add(w)}) || '%'`);
}

/**
 * Partner scoping of actions aliased `alias`: a partner only ever sees the actions their
 * organisation takes part in, decided by the query (null for every other role).
 */
export function partnerScope(
  user: Pick<AuthUser, 'role' | 'organisationId'>,
  params: SqlParams,
  alias = 'a',
): string | null {
  if (user.role !== 'partner') return null;
  return `EXISTS (SELECT 1 FROM participations sp WHERE sp.action_id = ${alias}.id AND sp.organisation_id = ${params.add(user.organisationId)})`;
}
