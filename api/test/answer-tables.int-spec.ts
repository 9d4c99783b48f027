import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { AnswerCache } from '../src/cache/answer-cache';
import {
  ANSWER_CACHE,
  CACHED_ANSWER,
  CachedAnswerOptions,
} from '../src/cache/answer-cache.interceptor';
import { currentPart } from '../src/cache/answer-parts';
import { ACTIONS_TOUCHED, TOUCH_SETTING, VERSIONED_TABLES } from '../src/cache/table-versions';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Every cached answer declares the tables it reads (`@CacheAnswer({ reads })`), and its ETag
 * follows the versions of those tables only. This file proves both halves:
 *  - the SQL each cached endpoint runs (as director and as partner, without and with every
 *    filter) names no versioned table it did not declare, and no table that is not versioned;
 *  - a committed statement on each versioned table changes exactly the answers that declare it.
 */

/** Tables kept by triggers from a versioned table: reading them is reading it. */
const DERIVED: Record<string, string> = {
  funding_provider_totals: 'funding',
  funding_year_totals: 'funding',
  funding_tag_totals: 'funding',
  funding_totals: 'funding',
};
/** Statements of the request pipeline, not of the answer (session, data version). */
const PIPELINE = [/FROM sessions s JOIN users u/, /^SELECT \(SELECT coalesce\(json_object_agg/];

interface Endpoint {
  path: string;
  reads: readonly string[];
}

/** The cached GET routes of the app, found through Nest's metadata (a new one is covered too). */
function cachedEndpoints(t: TestApp): Endpoint[] {
  const found: Endpoint[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const onClass = Reflect.getMetadata(CACHED_ANSWER, type) as CachedAnswerOptions | undefined;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        const options =
          (Reflect.getMetadata(CACHED_ANSWER, handler) as CachedAnswerOptions | undefined) ??
          onClass;
        if (!options) continue;
        const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        found.push({
          path: `/api/${base}${path && path !== '/' ? `/${path}` : ''}`,
          reads: options.reads,
        });
      }
    }
  }
  return found;
}

/** The versioned tables (and the unversioned ones) a statement reads. */
function tablesIn(sql: string, allTables: Set<string>): { versioned: string[]; other: string[] } {
  const text = sql
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, '')
    .toLowerCase();
  const versioned = new Set<string>();
  const other = new Set<string>();
  for (const match of text.matchAll(/\b(?:from|join)\s+(?:public\.)?"?([a-z_][a-z0-9_]*)"?/g)) {
    const name = match[1];
    if (!allTables.has(name)) continue; // a CTE, a function or a subquery alias
    const table = DERIVED[name] ?? name;
    if ((VERSIONED_TABLES as readonly string[]).includes(table)) versioned.add(table);
    else other.add(table);
  }
  // Comma joins (FROM a, b) and anything else: a versioned table's name as a word, unless it
  // is a column (x.name), an alias (AS name) or a function (name(…)). Over-counting only makes
  // an answer change more often, never less.
  for (const table of VERSIONED_TABLES) {
    const word = new RegExp(`(?<![\\w.])(?<!\\bas\\s{1,9})"?${table}"?(?![\\w.(])`);
    if (word.test(text)) versioned.add(table);
  }
  // An action's last update moves on its own when one of its parts changes (actions_touched):
  // a statement that reads actions and names the columns reads that too.
  if (versioned.has('actions') && /\bupdated_(?:at|by)\b/.test(text))
    versioned.add(ACTIONS_TOUCHED);
  return { versioned: [...versioned], other: [...other] };
}

/** One statement that moves `table`'s version (a touch of an action for actions_touched). */
async function countedStatement(m: { query(sql: string): Promise<unknown> }, table: string) {
  if (table !== ACTIONS_TOUCHED) {
    await m.query(`DELETE FROM public.${table} WHERE false`);
    return;
  }
  await m.query(`SELECT set_config('${TOUCH_SETTING}', 'on', true)`);
  await m.query(`UPDATE public.actions SET updated_at = updated_at WHERE false`);
}

/** A statement and the answer part (answerPart) it ran in, if any. */
let recording: { sql: string; part: ReturnType<typeof currentPart> }[] | null = null;
const originalQuery = PostgresQueryRunner.prototype.query;

let own: TestDatabase;
let t: TestApp;
let director: SignedInAgent;
let partner: SignedInAgent;
let actionId: string;
let organisationId: string;
let allTables: Set<string>;

beforeAll(async () => {
  own = await createTestDatabase('coopera_test_tables');
  t = await bootTestApp({ databaseUrl: own.url });
  organisationId = await newOrganisation(t.db, { type: 'multilateral' });
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes, municipalities)
     VALUES ($1, 'cooperation_project', 'Acción de tablas', 'recipient', 'implementation', 'technical', '{agua}', '{Zapopan}')
     RETURNING id`,
    [`T-${randomUUID().slice(0, 8)}`],
  );
  actionId = rows[0].id;
  await t.db.query(
    `INSERT INTO participations (action_id, organisation_id, role) VALUES ($1, $2, 'funding')`,
    [actionId, organisationId],
  );
  director = await signedIn(t, 'director');
  partner = await signedIn(t, 'partner', { organisationId: organisationId });
  allTables = new Set(
    (
      await t.db.query<{ name: string }[]>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
      )
    ).map((r) => r.name),
  );
  PostgresQueryRunner.prototype.query = function (
    this: PostgresQueryRunner,
    ...args: Parameters<typeof originalQuery>
  ) {
    if (recording && !PIPELINE.some((p) => p.test(args[0])))
      recording.push({ sql: args[0], part: currentPart() });
    return originalQuery.apply(this, args);
  } as typeof originalQuery;
});
afterAll(async () => {
  PostgresQueryRunner.prototype.query = originalQuery;
  await t.close();
  await own.drop();
});

const FILTERS =
  'q=agua&kind=cooperation_project&status=implementation&partner=PARTNER&role=funding' +
  '&partnerType=multilateral&theme=agua&municipality=Zapopan&sdg=6&modality=technical' +
  '&yearFrom=2020&yearTo=2030&archived=false';
const EXTRA: Record<string, string> = {
  '/api/v1/dashboard': '&currency=USD',
  '/api/v1/actions': '&responsible=me&pageSize=5',
  '/api/v1/organisations': '&q=org&type=multilateral&pageSize=5&currency=USD',
};

function urlsOf(endpoint: Endpoint): string[] {
  const path = endpoint.path
    .replace('/v1/actions/:id', `/v1/actions/${actionId}`)
    .replace(/:id\b/, organisationId);
  const prefix = Object.keys(EXTRA).find((p) => path.startsWith(p)) ?? '';
  const filters = path.startsWith('/api/v1/organisations')
    ? EXTRA[prefix].slice(1)
    : `${FILTERS.replace('PARTNER', organisationId)}${EXTRA[prefix] ?? ''}`;
  return [path, path.includes(actionId) ? path : `${path}?${filters}`];
}

describe('the tables each cached answer declares', () => {
  it('finds the cached endpoints', () => {
    const paths = cachedEndpoints(t).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/dashboard/summary',
        '/api/v1/actions',
        '/api/v1/actions/:id',
        '/api/v1/organisations',
      ]),
    );
  });

  it('declares every versioned table its SQL reads, and reads no table that is not versioned', async () => {
    const problems: string[] = [];
    const parts = new Set<string>();
    for (const endpoint of cachedEndpoints(t)) {
      for (const url of urlsOf(endpoint)) {
        for (const agent of [director, partner]) {
          recording = [];
          t.app.get<AnswerCache>(ANSWER_CACHE).clear();
          const res = await agent.get(url).set('Cache-Control', 'no-cache');
          const statements = recording;
          recording = null;
          if (res.status !== 200 && res.status !== 404)
            problems.push(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
          for (const { sql, part } of statements) {
            const { versioned, other } = tablesIn(sql, allTables);
            if (process.env['ANSWER_TABLES_PRINT'])
              process.stdout.write(`READS ${endpoint.path} ${versioned.join(',')}\n`);
            for (const table of versioned) {
              if (!endpoint.reads.includes(table))
                problems.push(`${endpoint.path} reads ${table} without declaring it`);
              // A part is reused while its own tables stand still: it must declare them all.
              if (part && !part.reads.includes(table))
                problems.push(`${endpoint.path} part ${part.name} reads ${table} undeclared`);
            }
            if (part) parts.add(`${endpoint.path} ${part.name}`);
            for (const table of other) problems.push(`${endpoint.path} reads unversioned ${table}`);
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
    // The parts this file checks (a part that no longer runs would make it check nothing).
    expect([...parts].sort()).toEqual([
      '/api/v1/actions list-total',
      '/api/v1/dashboard/summary summary-portfolio',
      '/api/v1/organisations/:id list-total',
    ]);
  });
});

describe('a committed write changes exactly the answers that read its table', () => {
  it.each([...VERSIONED_TABLES])('a statement on %s', async (table) => {
    const endpoints = cachedEndpoints(t);
    const before = new Map<string, string>();
    for (const endpoint of endpoints) {
      const url = urlsOf(endpoint)[0];
      const res = await director.get(url).expect(200);
      before.set(url, res.headers['etag'] as string);
    }
    // A statement that changes no row still counts: the trigger runs once per statement.
    await t.db.transaction((m) => countedStatement(m, table));
    const wrong: string[] = [];
    for (const endpoint of endpoints) {
      const url = urlsOf(endpoint)[0];
      const res = await director.get(url).set('If-None-Match', before.get(url) ?? '');
      const expected = endpoint.reads.includes(table) ? 200 : 304;
      if (res.status !== expected) wrong.push(`${endpoint.path}: ${res.status}, not ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a rolled-back statement changes none', async () => {
    const endpoints = cachedEndpoints(t);
    const before = new Map<string, string>();
    for (const endpoint of endpoints) {
      const url = urlsOf(endpoint)[0];
      before.set(url, (await director.get(url).expect(200)).headers['etag'] as string);
    }
    await t.db
      .transaction(async (m) => {
        for (const table of VERSIONED_TABLES) await countedStatement(m, table);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    for (const [url, etag] of before)
      await director.get(url).set('If-None-Match', etag).expect(304);
  });
});
