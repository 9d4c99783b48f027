import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** SQL text → statement name, for the statements marked with `prepared()`. */
const names = new Map<string, string>();
/** A bound: the marked texts are a handful (one per shape of a hot statement). */
const NAMES_MAX = 200;
const WRAPPED = Symbol('coopera.prepared');

/**
 * Marks a hot statement to run as a named prepared statement: each connection parses and plans
 * it once (PostgreSQL then reuses the plan, generic when it is as good as a custom one) instead
 * of on every call. The action detail's one statement spent about as long being planned as
 * being executed. Returns the text unchanged: callers (and the tests that record SQL through
 * TypeORM) still pass and see a plain string.
 */
export function prepared(sql: string): string {
  if (!names.has(sql) && names.size < NAMES_MAX) {
    names.set(sql, `coopera_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`);
  }
  return sql;
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Sends the marked texts as `{ name, text, values }` (node-postgres prepares them once). */
function wrap(client: PoolClient): void {
  const target = client as unknown as Record<symbol, boolean> & { query: Query };
  if (target[WRAPPED]) return;
  target[WRAPPED] = true;
  // The class's method, looked up at each call: whatever wraps it later (tests) still sees all.
  const proto = Object.getPrototypeOf(client) as { query: Query };
  target.query = (config, values, callback) => {
    const name = typeof config === 'string' ? names.get(config) : undefined;
    if (name === undefined || (values !== undefined && !Array.isArray(values)))
      return proto.query.call(client, config, values, callback);
    return proto.query.call(client, { name, text: config, values }, callback);
  };
}

/** Hooks the app's connection pool: every connection it hands out runs marked texts prepared. */
@Injectable()
export class PreparedStatements implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'dbPreparedStatements'>,
  ) {}

  onModuleInit(): void {
    if (!this.config.dbPreparedStatements) return;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    // Every checkout, so the connections opened before this hook are covered too.
    pool?.on('acquire', wrap);
  }
}
