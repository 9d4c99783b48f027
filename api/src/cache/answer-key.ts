import { createHash } from 'node:crypto';
import type { AuthUser } from '../auth/auth-user';
import { localeOf } from '../common/errors';
import { INSTITUTE_TIME_ZONE } from '../common/calendar-sql';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: INSTITUTE_TIME_ZONE });
let dayAt = 0;
let day = '';
/** The institute's calendar day, formatted at most once a second. */
function today(now?: Date): string {
  if (now) return dayFormat.format(now);
  const ms = Date.now();
  if (ms - dayAt >= 1_000 || ms < dayAt) {
    day = dayFormat.format(ms);
    dayAt = ms;
  }
  return day;
}

/** Query parameters in a fixed order (names sorted, repeated values kept in order). */
export function normalisedQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const params = new URLSearchParams(url.slice(at + 1));
  const pairs = [...params.entries()];
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new URLSearchParams(pairs).toString();
}

/** Whose answer it is: everyone of a role sees the same, a partner only their organisation's. */
export function scopeOf(user: Pick<AuthUser, 'role' | 'organisationId'> | undefined): string {
  if (!user) return 'anonymous';
  return user.role === 'partner' ? `partner:${user.organisationId ?? '-'}` : user.role;
}

export interface KeyParts {
  url: string;
  user?: Pick<AuthUser, 'id' | 'role' | 'organisationId'>;
  acceptLanguage?: string | string[];
  /** The answer depends on who asks (e.g. `responsible=me`): the user's id joins the key. */
  perUser?: boolean;
  now?: Date;
}

/**
 * What an answer depends on besides the data: endpoint and normalised filters (currency among
 * them), scope, language, and the institute's calendar day (overdue milestones, "as of").
 */
export function answerKey(parts: KeyParts): string {
  const path = parts.url.split('?')[0];
  return [
    path,
    normalisedQuery(parts.url),
    scopeOf(parts.user),
    parts.perUser ? `user:${parts.user?.id ?? '-'}` : '',
    localeOf(parts.acceptLanguage),
    today(parts.now),
  ].join('|');
}

const digests = new Map<string, string>();
const DIGESTS_MAX = 10_000;

/** The entity tag of an answer: the data version and a digest of its key. */
export function answerTag(key: string, version: string): string {
  let digest = digests.get(key);
  if (digest === undefined) {
    digest = createHash('sha1').update(key).digest('base64url').slice(0, 16);
    if (digests.size >= DIGESTS_MAX) digests.clear();
    digests.set(key, digest);
  }
  return `${version}-${digest}`;
}

/** Whether an If-None-Match header names `tag` (as `"tag"`, `W/"tag"` or `"<n>.tag"`), or `*`. */
export function matchesTag(ifNoneMatch: string | string[] | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const header = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
  return header.split(',').some((raw) => {
    const value = raw.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return value === '*' || value === tag || value.endsWith(`.${tag}`);
  });
}
