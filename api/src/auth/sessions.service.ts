import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DataVersionService } from '../cache/data-version.service';
import { TABLE_VERSIONS_SQL, TableVersions } from '../cache/table-versions';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { prepared } from '../db/prepared-statements';
import type { AuthUser } from './auth-user';

export interface ResolvedSession {
  user: AuthUser;
  csrfToken: string;
  /**
   * The data version per table read with the session (answer cache, read mode): no round trip
   * of its own. Absent when the session came from memory (listen mode).
   */
  dataVersions?: TableVersions;
}

interface Remembered {
  user: AuthUser;
  csrfToken: string;
  expiresAt: number;
  lastSeenAt: number;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const REFRESH_AFTER_MS = 5 * 60_000;
/** Sessions kept in memory per process (listen mode); past this the memory starts over. */
const REMEMBERED_MAX = 10_000;

/**
 * Server-side sessions in PostgreSQL, addressed by an opaque random cookie token.
 *
 * In listen mode (DATA_VERSION_MODE=listen) a resolved session is kept in memory, so a request
 * answered from the answer cache makes no round trip at all. The memory is dropped whenever
 * PostgreSQL notifies a change to sessions or users (channel coopera_sessions: sign-out,
 * deactivation, role, expiry), whenever this process signs someone out or changes a user, and
 * while the notification connection is down; an expired session is never taken from memory.
 */
@Injectable()
export class SessionsService {
  private readonly remembered = new Map<string, Remembered>();
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly versions: DataVersionService,
  ) {
    versions.watchSessions(() => this.forget());
  }

  /** Drops every session kept in memory: the next request of each reads it again. */
  forget(): void {
    this.generation++;
    this.remembered.clear();
  }

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
    const listening = this.versions.isListening;
    if (listening) {
      const kept = this.remembered.get(hash);
      const now = Date.now();
      if (kept && kept.expiresAt > now && now - kept.lastSeenAt <= REFRESH_AFTER_MS)
        return { user: kept.user, csrfToken: kept.csrfToken };
    }
    const generation = this.generation;
    const rows: (AuthUser & {
      csrfToken: string;
      lastSeenAt: Date;
      expiresAt: Date;
      dataVersions: TableVersions;
    })[] = await this.dataSource.query(
      prepared(`SELECT u.id, u.email, u.name, u.role, u.organisation_id AS "organisationId",
              u.must_change_password AS "mustChangePassword",
              s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt",
              s.expires_at AS "expiresAt",
              ${listening ? 'NULL' : TABLE_VERSIONS_SQL} AS "dataVersions"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`),
      [hash],
    );
    const row = rows[0];
    if (!row) return null;
    const { csrfToken, lastSeenAt, expiresAt, dataVersions, ...user } = row;
    let seen = new Date(lastSeenAt).getTime();
    let expires = new Date(expiresAt).getTime();
    if (Date.now() - seen > REFRESH_AFTER_MS) {
      const expiry = this.expiry();
      await this.dataSource.query(
        `UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE token_hash = $1`,
        [hash, expiry],
      );
      seen = Date.now();
      expires = expiry.getTime();
    }
    if (listening && this.versions.isListening && generation === this.generation) {
      if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
      this.remembered.set(hash, { user, csrfToken, expiresAt: expires, lastSeenAt: seen });
    }
    return { user, csrfToken, dataVersions: dataVersions ?? undefined };
  }

  async destroy(token: string): Promise<void> {
    this.forget();
    await this.dataSource.query(`DELETE FROM sessions WHERE token_hash = $1`, [sha256(token)]);
    this.forget();
  }

  /** Signs a user out everywhere (deactivation, password change), optionally keeping one session. */
  async destroyAllFor(userId: string, exceptToken?: string): Promise<void> {
    this.forget();
    await this.dataSource.query(
      `DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> $2)`,
      [userId, exceptToken ? sha256(exceptToken) : null],
    );
    this.forget();
  }

  /** Removes expired sessions and finished rate-limit windows (run at start-up). */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sessions WHERE expires_at <= now()`);
    await this.dataSource.query(
      `DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`,
    );
  }
}
