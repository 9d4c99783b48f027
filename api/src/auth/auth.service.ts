import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors';
import { AuditService } from '../audit/audit.service';
import type { Actor, AuthUser } from './auth-user';
import { hashPassword, verifyPassword } from './password';
import { RateLimiter, RateLimitRule } from './rate-limiter.service';
import { SessionsService } from './sessions.service';

/** Failed sign-ins allowed per account and per client address in a 15-minute window. */
export const SIGN_IN_LIMITS = {
  account: { limit: 5, windowSeconds: 900 } satisfies RateLimitRule,
  ip: { limit: 30, windowSeconds: 900 } satisfies RateLimitRule,
};

/** Wrong current passwords allowed per account when changing it, in a 15-minute window. */
export const PASSWORD_CHANGE_LIMIT: RateLimitRule = { limit: 5, windowSeconds: 900 };

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: AuthUser['role'];
  organisationId: string | null;
  mustChangePassword: boolean;
  passwordHash: string;
  active: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
  ) {}

  async signIn(emailInput: string, password: string, ip: string | null, userAgent: string | null) {
    const email = emailInput.trim().toLowerCase();
    const checks = [
      { key: `sign-in:account:${email}`, rule: SIGN_IN_LIMITS.account },
      { key: `sign-in:ip:${ip ?? 'unknown'}`, rule: SIGN_IN_LIMITS.ip },
    ];
    // Each attempt is reserved before the password is checked, in the statement that checks the
    // limit: a burst of parallel attempts cannot pass the check before any of them is counted.
    await this.limiter.reserveAll(checks);
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, email, name, role, organisation_id AS "organisationId",
              must_change_password AS "mustChangePassword", password_hash AS "passwordHash", active
         FROM users WHERE email = $1`,
      [email],
    );
    const user = rows[0];
    const valid = await verifyPassword(user?.active ? user.passwordHash : undefined, password);
    if (!user || !user.active || !valid) {
      throw new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS');
    }
    // Only failures count: a success clears the account's and gives the address its attempt back.
    await this.limiter.reset(checks[0].key);
    await this.limiter.release(checks[1].key);
    await this.dataSource.query(`UPDATE users SET last_sign_in_at = now() WHERE id = $1`, [
      user.id,
    ]);
    const session = await this.sessions.create(user.id, ip, userAgent);
    const { passwordHash: _hash, active: _active, ...authUser } = user;
    return { ...session, user: authUser as AuthUser };
  }

  async changePassword(
    user: AuthUser,
    actor: Actor,
    current: string,
    next: string,
    keepToken?: string,
  ) {
    const limit = { key: `password:account:${user.id}`, rule: PASSWORD_CHANGE_LIMIT };
    await this.limiter.reserveAll([limit]);
    const rows: { hash: string }[] = await this.dataSource.query(
      `SELECT password_hash AS hash FROM users WHERE id = $1`,
      [user.id],
    );
    if (!(await verifyPassword(rows[0]?.hash, current))) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'WRONG_PASSWORD', [
        {
          field: 'currentPassword',
          code: 'wrongPassword',
          message: 'La contraseña actual no es correcta.',
        },
      ]);
    }
    await this.limiter.reset(limit.key);
    const hash = await hashPassword(next);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, version = version + 1,
                updated_at = now() WHERE id = $1`,
        [user.id, hash],
      );
      await this.audit.record(manager, actor, {
        operation: 'update',
        entity: 'user',
        entityId: user.id,
        before: { password: '[changed]' },
        after: { password: '[changed]' },
      });
    });
    await this.sessions.destroyAllFor(user.id, keepToken);
  }
}
