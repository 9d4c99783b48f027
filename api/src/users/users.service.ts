import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../auth/access.decorator';
import type { Actor, AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/password';
import { SessionsService } from '../auth/sessions.service';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { VersionedWriter } from '../common/versioned-write';
import {
  AssignableUserDto,
  CreatedUserDto,
  CreateUserDto,
  UpdateUserDto,
  UserDto,
} from './dto/user.dto';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  active: boolean;
  lastSignInAt: Date | null;
  version: number;
  createdAt: Date;
}

const SELECT = `SELECT u.id, u.email, u.name, u.role, u.organisation_id AS "organisationId",
  coalesce(o.acronym, o.name) AS "organisationName", u.active, u.last_sign_in_at AS "lastSignInAt",
  u.version, u.created_at AS "createdAt"
  FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;

function toDto(row: UserRow): UserDto {
  return {
    ...row,
    lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
    private readonly sessions: SessionsService,
  ) {}

  async list(): Promise<UserDto[]> {
    const rows: UserRow[] = await this.dataSource.query(
      `${SELECT} ORDER BY u.active DESC, u.role, u.email`,
    );
    return rows.map(toDto);
  }

  /** Active institute users (not partners), by name: who can be responsible for an action. */
  async assignable(): Promise<AssignableUserDto[]> {
    return this.dataSource.query(
      `SELECT id, name, role FROM users WHERE active AND role <> 'partner' ORDER BY name, email`,
    );
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserDto> {
    const rows: UserRow[] = await manager.query(`${SELECT} WHERE u.id = $1`, [id]);
    if (!rows[0]) throw AppError.notFound('USER_NOT_FOUND');
    return toDto(rows[0]);
  }

  private async assertOrganisation(
    manager: EntityManager,
    role: Role,
    organisationId: string | null | undefined,
  ) {
    if (role !== 'partner') return null;
    if (!organisationId) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'PARTNER_ORGANISATION_REQUIRED', [
        {
          field: 'organisationId',
          code: 'isDefined',
          message: 'Un usuario socio debe estar vinculado a una organización.',
        },
      ]);
    }
    const found: unknown[] = await manager.query(`SELECT 1 FROM organisations WHERE id = $1`, [
      organisationId,
    ]);
    if (!found.length) throw AppError.notFound('ORGANISATION_NOT_FOUND');
    return organisationId;
  }

  /**
   * Creates a user. A password an admin set (or the one-time one generated here) must be changed
   * at the first sign-in; `ownPassword`: the person typed it themselves (the command line).
   */
  async create(
    input: CreateUserDto,
    actor: Actor,
    manager?: EntityManager,
    { ownPassword = false }: { ownPassword?: boolean } = {},
  ): Promise<CreatedUserDto> {
    const password = input.password ?? randomBytes(12).toString('base64url');
    const temporaryPassword = input.password ? undefined : password;
    const hash = await hashPassword(password);
    const run = async (m: EntityManager) => {
      const organisationId = await this.assertOrganisation(m, input.role, input.organisationId);
      const email = input.email.trim().toLowerCase();
      const exists: unknown[] = await m.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (exists.length) throw new AppError(HttpStatus.CONFLICT, 'USER_EMAIL_TAKEN');
      const rows: { id: string }[] = await m.query(
        // A password an admin set is temporary: the user changes it at the first sign-in.
        `INSERT INTO users (email, name, password_hash, role, organisation_id, must_change_password)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [email, input.name.trim(), hash, input.role, organisationId, !ownPassword],
      );
      const user = await this.get(rows[0].id, m);
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'user',
        entityId: user.id,
        after: user,
      });
      return user;
    };
    const user = manager ? await run(manager) : await inTransaction(this.dataSource, run);
    return temporaryPassword ? { ...user, temporaryPassword } : user;
  }

  async update(id: string, input: UpdateUserDto, me: AuthUser, actor: Actor): Promise<UserDto> {
    const updated = await inTransaction(this.dataSource, async (m) => {
      // Serialise admin changes so two admins cannot demote each other at once.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('coopera.users.admins'))`);
      const before = await this.get(id, m);
      const role = input.role ?? before.role;
      const active = input.active ?? before.active;
      if (id === me.id && (role !== before.role || !active)) {
        throw new AppError(HttpStatus.FORBIDDEN, 'OWN_ROLE_CHANGE');
      }
      if (before.role === 'admin' && before.active && (role !== 'admin' || !active)) {
        const admins: { n: number }[] = await m.query(
          `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active AND id <> $1`,
          [id],
        );
        if (admins[0].n === 0) throw new AppError(HttpStatus.CONFLICT, 'LAST_ADMIN');
      }
      const organisationId =
        role === 'partner'
          ? await this.assertOrganisation(
              m,
              role,
              input.organisationId === undefined ? before.organisationId : input.organisationId,
            )
          : null;
      return this.versioned.update(m, actor, {
        target: { entity: 'user', entityId: id },
        before,
        write: () =>
          m.query(
            `UPDATE users SET name = $3, role = $4, organisation_id = $5, active = $6, version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 RETURNING id`,
            [id, input.version, input.name?.trim() ?? before.name, role, organisationId, active],
          ),
        read: () => this.get(id, m),
      });
    });
    // Roles are read with the session; a deactivated user is signed out now.
    if (!updated.active) await this.sessions.destroyAllFor(id);
    else this.sessions.forget();
    return updated;
  }
}
