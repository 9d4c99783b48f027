import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_OPERATIONS = ['create', 'update', 'archive', 'restore', 'delete'] as const;
export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

/** Who changed what and when, with before/after values; written in the change's transaction. */
@Entity('audit_log')
@Index('audit_log_action_idx', ['actionId', 'at'])
@Index('audit_log_entity_idx', ['entity', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'actor_email', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'text' })
  operation: AuditOperation;

  /** Table-like name: action, participation, funding, milestone, user… */
  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId: string;

  /** The action the record belongs to, so an action's history includes its parts. */
  @Column({ type: 'uuid', name: 'action_id', nullable: true })
  actionId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;
}
