import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AuditOperation } from './audit-entry.entity';

export interface AuditRecord {
  operation: AuditOperation;
  entity: string;
  entityId: string;
  actionId?: string | null;
  before?: object | null;
  after?: object | null;
}

const OMIT = new Set([
  'passwordHash',
  'searchText',
  'action',
  'organisation',
  'provider',
  'receiver',
  'result',
  'milestone',
  'institute',
  'user',
]);

/** A JSON snapshot of a record for the audit trail (relations and secrets left out). */
export function snapshot(record: object | null | undefined): Record<string, unknown> | null {
  if (!record) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (OMIT.has(key) || value === undefined) continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/** Writes audit rows inside the caller's transaction: a rolled-back change leaves none. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_id, actor_email, operation, entity, entity_id, action_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.id,
        actor.email,
        entry.operation,
        entry.entity,
        entry.entityId,
        entry.actionId ?? null,
        entry.before ? JSON.stringify(snapshot(entry.before)) : null,
        entry.after ? JSON.stringify(snapshot(entry.after)) : null,
        actor.requestId,
      ],
    );
  }
}
