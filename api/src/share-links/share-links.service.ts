import { inTransaction } from '../common/transaction';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { CreatedShareLinkDto, CreateShareLinkDto, ShareLinkDto } from './dto/share-link.dto';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

interface Row {
  id: string;
  actionId: string;
  label: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  useCount: number;
}

const COLUMNS = `id, action_id AS "actionId", label, created_at AS "createdAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt", use_count AS "useCount"`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toDto(row: Row): ShareLinkDto {
  const state = row.revokedAt
    ? 'revoked'
    : new Date(row.expiresAt) <= new Date()
      ? 'expired'
      : 'active';
  return {
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    revokedAt: iso(row.revokedAt),
    lastUsedAt: iso(row.lastUsedAt),
    state,
  };
}

/**
 * Share links: a random 256-bit token (only its SHA-256 is stored), expiring and revocable in
 * PostgreSQL (so every replica sees a revocation at once), read-only, and logged when used.
 */
@Injectable()
export class ShareLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    actionId: string,
    input: CreateShareLinkDto,
    actor: Actor,
  ): Promise<CreatedShareLinkDto> {
    const token = randomBytes(32).toString('base64url');
    const days = input.expiresInDays ?? 30;
    return inTransaction(this.dataSource, async (m) => {
      const rows: Row[] = await m.query(
        `INSERT INTO share_links (action_id, token_hash, label, created_by, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING ${COLUMNS}`,
        [actionId, sha256(token), input.label?.trim() || null, actor.id, days],
      );
      const link = toDto(rows[0]);
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'share_link',
        entityId: link.id,
        actionId,
        after: link,
      });
      return { ...link, token, path: `/api/v1/shared/${token}` };
    });
  }

  async list(actionId: string): Promise<ShareLinkDto[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM share_links WHERE action_id = $1 ORDER BY created_at DESC`,
      [actionId],
    );
    return rows.map(toDto);
  }

  async revoke(actionId: string, id: string, actor: Actor): Promise<ShareLinkDto> {
    return inTransaction(this.dataSource, async (m) => {
      const [rows] = (await m.query(
        `UPDATE share_links SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND action_id = $2 RETURNING ${COLUMNS}`,
        [id, actionId],
      )) as [Row[], number];
      const row = rows[0];
      if (!row) throw AppError.notFound('SHARE_LINK_NOT_FOUND');
      const link = toDto(row);
      await this.audit.record(m, actor, {
        operation: 'update',
        entity: 'share_link',
        entityId: id,
        actionId,
        after: link,
      });
      return link;
    });
  }

  /**
   * The action behind an active token; counts and logs the use. Unknown, expired or revoked → 404;
   * so is a link to an archived action (it works again if the action is restored before it expires).
   */
  async use(token: string, requestId: string | null, what: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw AppError.notFound('SHARE_LINK_NOT_FOUND');
    return inTransaction(this.dataSource, async (m) => {
      const result = await m.query(
        `UPDATE share_links s SET use_count = s.use_count + 1, last_used_at = now()
           FROM actions a
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND a.id = s.action_id AND a.archived_at IS NULL
          RETURNING s.id, s.action_id AS "actionId"`,
        [sha256(token)],
      );
      const rows = (result as [{ id: string; actionId: string }[], number])[0];
      const link = rows?.[0];
      if (!link) throw AppError.notFound('SHARE_LINK_NOT_FOUND');
      await this.audit.record(
        m,
        { id: null, email: `share-link:${link.id}`, requestId },
        {
          operation: 'update',
          entity: 'share_link_use',
          entityId: link.id,
          actionId: link.actionId,
          after: { viewed: what },
        },
      );
      return link.actionId;
    });
  }
}
