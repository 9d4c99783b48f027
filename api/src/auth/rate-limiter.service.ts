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

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limits WHERE key = $1`, [key]);
  }

  /** Throws 429 with Retry-After when any of the keys is over its limit. */
  async assertAllowed(checks: { key: string; rule: RateLimitRule }[]): Promise<void> {
    for (const { key, rule } of checks) {
      const wait = await this.retryAfter(key, rule);
      if (wait > 0) {
        throw new AppError(
          HttpStatus.TOO_MANY_REQUESTS,
          'RATE_LIMITED',
          { retryAfterSeconds: wait },
          {
            'Retry-After': String(wait),
          },
        );
      }
    }
  }

  /** Counts one event for each key and throws 429 when this event goes over a limit. */
  async consume(checks: { key: string; rule: RateLimitRule }[]): Promise<void> {
    await this.assertAllowed(checks);
    for (const { key, rule } of checks) await this.hit(key, rule);
  }
}
