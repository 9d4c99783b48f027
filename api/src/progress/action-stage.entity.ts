import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Action } from '../actions/action.entity';
import { inList } from '../actions/action.model';
import { PROGRESS_STAGES, ProgressStage } from './progress.model';

/** A stage of the action's progress reached on a date, with its evidence. */
@Entity('action_stages')
@Unique('action_stages_action_stage_key', ['actionId', 'stage'])
@Check('action_stages_stage_check', `stage IN (${inList(PROGRESS_STAGES)})`)
export class ActionStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Column({ type: 'text' })
  stage: ProgressStage;

  @Column({ type: 'date', name: 'reached_on' })
  reachedOn: string;

  @Column({ type: 'text', name: 'evidence_url', nullable: true })
  evidenceUrl: string | null;

  /** The date of the evidence (minutes, report…): never after today in Mexico City. */
  @Column({ type: 'date', name: 'evidence_date', nullable: true })
  evidenceDate: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
