import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** Fixed-window counters in PostgreSQL, so every replica counts the same attempts. */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds to wait when `key` is already over its limit, otherwise 0. Does not count. */
  async retryAfter(key: string, rule: RateLimitRule): Promise<number> {
    const rows: { count: number; remaining: number }[] = await this.dataSource.query(
      `SELECT count, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS remaining
         FROM rate_limits WHERE key = $1`,
      [key, rule.windowSeconds],
    );
    const row = rows[0];
    if (!row || row.remaining <= 0 || row.count < rule.limit) return 0;
    return row.remaining;
  }

  /** Counts one event for `key` and returns the count within the current window. */
  async hit(key: string, rule: RateLimitRule): Promise<number> {
    const rows: { count: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start + make_interval(secs => $2) <= now() THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.window_start + make_interval(secs => $2) <= now() THEN now() ELSE rate_limits.window_start END
       RETURNING count`,
      [key, rule.windowSeconds],
    );
    return rows[0].count;
  }

  /**
   * Reserves one event for `key` when it is under its limit, in the statement that checks it, so
   * parallel requests cannot all pass a check made before any of them is counted. Returns false
   * (nothing counted) when the key is already at its limit.
   */
  async reserve(key: string, rule: RateLimitRule): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start + make_interval(secs => $2) <= now() THEN 1 ELSE rate_limits.count + 1 END,
         window_start = CASE WHEN rate_limits.window_start + make_interval(secs => $2) <= now() THEN now() ELSE rate_limits.window_start END
       WHERE rate_limits.window_start + make_interval(secs => $2) <= now() OR rate_limits.count < $3
       RETURNING count`,
      [key, rule.windowSeconds, rule.limit],
    );
    return rows.length > 0;
  }

  /** Gives back an event reserved for `key` (the attempt turned out not to count). */
  async release(key: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = $1`,
      [key],
    );
  }

  /**
   * Reserves one event for each key, atomically per key; when one is over its limit, gives back
   * the others and throws 429 with Retry-After.
   */
  async reserveAll(checks: { key: string; rule: RateLimitRule }[]): Promise<void> {
    const reserved: string[] = [];
    for (const { key, rule } of checks) {
      if (await this.reserve(key, rule)) {
        reserved.push(key);
        continue;
      }
      for (const done of reserved) await this.release(done);
      throw this.limited(Math.max(await this.retryAfter(key, rule), 1));
    }
  }

  private limited(wait: number): AppError {
    return new AppError(
      HttpStatus.TOO_MANY_REQUESTS,
      'RATE_LIMITED',
      { retryAfterSeconds: wait },
      { 'Retry-After': String(wait) },
    );
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limits WHERE key = $1`, [key]);
  }

  /** Throws 429 with Retry-After when any of the keys is over its limit. */
  async assertAllowed(checks: { key: string; rule: RateLimitRule }[]): Promise<void> {
    for (const { key, rule } of checks) {
      const wait = await this.retryAfter(key, rule);
      if (wait > 0) throw this.limited(wait);
    }
  }

  /** Counts one event for each key; 429 (nothing counted) when one is already at its limit. */
  async consume(checks: { key: string; rule: RateLimitRule }[]): Promise<void> {
    await this.reserveAll(checks);
  }
}
