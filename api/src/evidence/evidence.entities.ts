import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Action } from '../actions/action.entity';
import { Milestone, Result } from '../actions/parts.entities';
import { User } from '../users/user.entity';

/**
 * A file kept as evidence of an action, one of its milestones or one of its results. The
 * metadata lives here; the bytes in {@link EvidenceContent}, so listings never read them.
 * Files are immutable: uploaded, downloaded, deleted.
 */
@Entity('evidence_files')
@Index('evidence_files_action_idx', ['actionId', 'uploadedAt'])
@Check('evidence_files_owner_check', `NOT (milestone_id IS NOT NULL AND result_id IS NOT NULL)`)
@Check('evidence_files_size_check', `size_bytes > 0`)
@Check('evidence_files_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Index('evidence_files_milestone_idx')
  @Column({ type: 'uuid', name: 'milestone_id', nullable: true })
  milestoneId: string | null;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Milestone | null;

  @Index('evidence_files_result_idx')
  @Column({ type: 'uuid', name: 'result_id', nullable: true })
  resultId: string | null;

  @ManyToOne(() => Result, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'result_id' })
  result?: Result | null;

  /** Sanitised original name (NFC, no directories or control characters). */
  @Column({ type: 'text', name: 'file_name' })
  fileName: string;

  /** Media type sniffed from the content, never the one the client declared. */
  @Column({ type: 'text', name: 'media_type' })
  mediaType: string;

  @Column({ type: 'integer', name: 'size_bytes' })
  sizeBytes: number;

  /** Lower-case hex SHA-256 of the content. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'uuid', name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: User | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt: Date;
}

/** The bytes of an evidence file (bytea, stored out of line; compressed formats are not re-compressed). */
@Entity('evidence_contents')
export class EvidenceContent {
  @PrimaryColumn({ type: 'uuid', name: 'evidence_id' })
  evidenceId: string;

  @OneToOne(() => EvidenceFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: EvidenceFile;

  @Column({ type: 'bytea' })
  content: Buffer;
}
