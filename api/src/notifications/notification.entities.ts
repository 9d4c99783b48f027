import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Milestone } from '../actions/parts.entities';
import { User } from '../users/user.entity';

export const NOTIFICATION_KINDS = ['overdue', 'upcoming'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What one user did with the notification about one milestone. The state holds for the kind and
 * planned date it was set on: when the milestone becomes overdue or is rescheduled, it is new again.
 */
@Entity('notification_states')
@Check('notification_states_kind_check', `kind IN ('overdue', 'upcoming')`)
export class NotificationState {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('notification_states_milestone_idx')
  @PrimaryColumn({ type: 'uuid', name: 'milestone_id' })
  milestoneId: string;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Milestone;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'date', name: 'planned_date' })
  plannedDate: string;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ type: 'timestamptz', name: 'dismissed_at', nullable: true })
  dismissedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

export const DIGEST_TRIGGERS = ['schedule', 'manual'] as const;
export type DigestTrigger = (typeof DIGEST_TRIGGERS)[number];
export const DIGEST_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type DigestRunStatus = (typeof DIGEST_RUN_STATUSES)[number];

/**
 * One run of the weekly digest. A scheduled run is unique per period (ISO week, Mexico City):
 * whichever replica claims the row first runs it; the others (and duplicate ticks) stop there.
 */
@Entity('digest_runs')
@Index('digest_runs_scheduled_period_key', ['period'], {
  unique: true,
  where: `"trigger" = 'schedule'`,
})
@Check('digest_runs_trigger_check', `"trigger" IN ('schedule', 'manual')`)
@Check('digest_runs_status_check', `status IN ('running', 'completed', 'failed')`)
export class DigestRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** ISO week in Mexico City, e.g. 2026-W48. */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  trigger: DigestTrigger;

  @Column({ type: 'text' })
  status: DigestRunStatus;

  @Column({ type: 'integer', default: 1 })
  attempts: number;

  @Column({ type: 'integer', default: 0 })
  recipients: number;

  @Column({ type: 'integer', default: 0 })
  sent: number;

  /** Recipients already served this period (by an earlier run): not sent again. */
  @Column({ type: 'integer', name: 'already_sent', default: 0 })
  alreadySent: number;

  @Column({ type: 'integer', default: 0 })
  failed: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'uuid', name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'started_at' })
  startedAt: Date;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}

export const DIGEST_DELIVERY_STATUSES = ['sending', 'sent', 'failed'] as const;
export type DigestDeliveryStatus = (typeof DIGEST_DELIVERY_STATUSES)[number];

/** One digest e-mail: at most one per user and period, whatever runs, retries or replicas. */
@Entity('digest_deliveries')
@Index('digest_deliveries_user_period_key', ['userId', 'period'], { unique: true })
@Check('digest_deliveries_status_check', `status IN ('sending', 'sent', 'failed')`)
export class DigestDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('digest_deliveries_run_idx')
  @Column({ type: 'uuid', name: 'run_id' })
  runId: string;

  @ManyToOne(() => DigestRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: DigestRun;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  status: DigestDeliveryStatus;

  @Column({ type: 'integer', name: 'overdue_count', default: 0 })
  overdueCount: number;

  @Column({ type: 'integer', name: 'upcoming_count', default: 0 })
  upcomingCount: number;

  @Column({ type: 'text', name: 'message_id', nullable: true })
  messageId: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
