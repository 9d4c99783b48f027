import { HttpStatus, Injectable } from '@nestjs/common';
import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AuditOperation } from '../audit/audit-entry.entity';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/auth-user';
import { affectedRows } from './db-errors';
import { AppError } from './errors';

/** What the audit trail calls the record: `entity` is the table-like name (action, funding…). */
export interface AuditTarget {
  entity: string;
  entityId: string;
  /** The action the record belongs to (its History tab lists it). */
  actionId?: string | null;
}

/** 409 VERSION_CONFLICT whose `details.current` is the record as it is now. */
export function versionConflict(current: unknown): AppError {
  return new AppError(HttpStatus.CONFLICT, 'VERSION_CONFLICT', { current });
}

/**
 * Throws 409 VERSION_CONFLICT (with the row) when the row read in this transaction is not at the
 * version the client read. `undefined` means the client sent none (allowed on delete and archive).
 */
export function assertVersion(row: object, version: number | undefined): void {
  if (version !== undefined && (row as { version?: unknown }).version !== version)
    throw versionConflict(row);
}

/**
 * Rows an UPDATE/DELETE changed, whatever way it ran: a TypeORM UpdateResult/DeleteResult
 * (`affected`), `manager.query()` (`[rows, count]`) or a `RETURNING`/CTE select (its rows).
 */
export function changedRows(result: unknown): number {
  if (result && typeof result === 'object' && !Array.isArray(result) && 'affected' in result)
    return Number((result as { affected?: number | null }).affected ?? 0);
  return affectedRows(result);
}

export interface VersionedUpdate<Row> {
  target: AuditTarget;
  /** The audit operation (`update` unless archiving or restoring). */
  operation?: Extract<AuditOperation, 'update' | 'archive' | 'restore'>;
  /** The record as read in this transaction before the change (the audit's `before`). */
  before: object;
  /** The UPDATE, with `version = <the version the client read>` in its WHERE. */
  write: () => Promise<unknown>;
  /** Reads the record after the change: the audit's `after`, and what `update` answers. */
  read: () => Promise<Row>;
  /** What a 409 carries as `details.current` (default: `read`). */
  current?: () => Promise<unknown>;
}

export interface VersionedRemove {
  target: AuditTarget;
  /** The record as read in this transaction (the audit's `before`, and a 409's `current`). */
  before: object;
  /** The version the client read; `undefined` deletes whatever version is stored. */
  version?: number;
  /** The DELETE (it may carry its own version condition). */
  remove: () => Promise<unknown>;
}

/** An entity table's row as the audit names it (its id is the row's). */
export interface EntityRow<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  target: Omit<AuditTarget, 'entityId'>;
}

/** The changes of a PATCH body: `version` and absent (undefined) fields left out. */
export function changesOf(input: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => key !== 'version' && value !== undefined),
  );
}

/**
 * The one way to write a versioned, audited change: check the version → write → 409 with the
 * current record when the version moved → audit entry in the same transaction (`m`); and the
 * one way to insert an audited row (`createRow`). Features
 * keep only what differs: how they read the record, their own checks, and what they answer.
 */
@Injectable()
export class VersionedWriter {
  constructor(private readonly audit: AuditService) {}

  async update<Row extends object>(
    m: EntityManager,
    actor: Actor,
    spec: VersionedUpdate<Row>,
  ): Promise<Row> {
    if (changedRows(await spec.write()) === 0)
      throw versionConflict(await (spec.current ?? spec.read)());
    const after = await spec.read();
    await this.audit.record(m, actor, {
      operation: spec.operation ?? 'update',
      ...spec.target,
      before: spec.before,
      after,
    });
    return after;
  }

  async remove(m: EntityManager, actor: Actor, spec: VersionedRemove): Promise<void> {
    assertVersion(spec.before, spec.version);
    if (changedRows(await spec.remove()) === 0) throw versionConflict(spec.before);
    await this.audit.record(m, actor, { operation: 'delete', ...spec.target, before: spec.before });
  }

  /** Inserts an entity row and audits its creation in the same transaction (`after`: as saved). */
  async createRow<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    spec: EntityRow<T> & { values: object },
  ): Promise<T> {
    const repo = m.getRepository(spec.entity);
    const saved = await repo.save(repo.create(spec.values as DeepPartial<T>));
    await this.audit.record(m, actor, {
      operation: 'create',
      ...spec.target,
      entityId: saved['id'] as string,
      after: saved,
    });
    return saved;
  }

  /**
   * An entity row (with `id` and `version` columns) already read as `before`: sets `changes`
   * where the id and version still match, and answers the row as stored afterwards.
   */
  updateRow<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    spec: EntityRow<T> & { before: T; changes: object; version: number },
  ): Promise<T> {
    const repo = m.getRepository(spec.entity);
    const id = spec.before['id'] as string;
    return this.update(m, actor, {
      target: { ...spec.target, entityId: id },
      before: spec.before,
      write: () =>
        m
          .createQueryBuilder()
          .update(spec.entity)
          .set(spec.changes as never)
          .where('id = :id AND version = :version', { id, version: spec.version })
          .execute(),
      read: () => repo.findOneOrFail({ where: { id } as never }),
      current: async () => (await repo.findOne({ where: { id } as never })) ?? spec.before,
    });
  }

  /** Deletes an entity row already read as `before` (409 when `version` is given and stale). */
  removeRow<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    spec: EntityRow<T> & { before: T; version?: number },
  ): Promise<void> {
    const id = spec.before['id'] as string;
    return this.remove(m, actor, {
      target: { ...spec.target, entityId: id },
      before: spec.before,
      version: spec.version,
      remove: () => m.getRepository(spec.entity).delete({ id } as never),
    });
  }
}
