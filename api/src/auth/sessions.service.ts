import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { AuthUser } from './auth-user';

export interface ResolvedSession {
  user: AuthUser;
  csrfToken: string;
  /** The data version read with the session (answer cache): no round trip of its own. */
  dataVersion: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const REFRESH_AFTER_MS = 5 * 60_000;

/** Server-side sessions in PostgreSQL, addressed by an opaque random cookie token. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private expiry(): Date {
    return new Date(Date.now() + this.config.sessionTtlHours * 3_600_000);
  }

  async create(userId: string, ip: string | null, userAgent: string | null) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = this.expiry();
    await this.dataSource.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, last_seen_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, now(), $5, $6)`,
      [sha256(token), userId, csrfToken, expiresAt, ip, userAgent?.slice(0, 300) ?? null],
    );
    return { token, csrfToken, expiresAt };
  }

  /** The active user behind a token, or null (unknown, expired, or user deactivated). */
  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const hash = sha256(token);
    const rows: (AuthUser & { csrfToken: string; lastSeenAt: Date; dataVersion: string })[] =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.name, u.role, u.organisation_id AS "organisationId",
              u.must_change_password AS "mustChangePassword",
              s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt",
              (SELECT sum(n)::text FROM data_version) AS "dataVersion"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
        [hash],
      );
    const row = rows[0];
    if (!row) return null;
    if (Date.now() - new Date(row.lastSeenAt).getTime() > REFRESH_AFTER_MS) {
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE token_hash = $1`,
        [hash, this.expiry()],
      );
    }
    const { csrfToken, lastSeenAt: _seen, dataVersion, ...user } = row;
    return { user, csrfToken, dataVersion };
  }

  async destroy(token: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE token_hash = $1`, [sha256(token)]);
  }

  /** Signs a user out everywhere (deactivation, password change), optionally keeping one session. */
  async destroyAllFor(userId: string, exceptToken?: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> $2)`,
      [userId, exceptToken ? sha256(exceptToken) : null],
    );
  }

  /** Removes expired sessions and finished rate-limit windows (run at start-up). */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE expires_at <= now()`);
    await this.dataSource.query(
      `DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`,
    );
  }
}
