import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { inList } from '../actions/action.model';
import { Versioned } from '../common/entity/versioned';
import { Organisation } from '../organisations/organisation.entity';

export const SESSION_KINDS = ['ordinary', 'extraordinary'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const AGREEMENT_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A session of an institute's board (Junta Directiva). */
@Entity('board_sessions')
@Unique('board_sessions_number_key', ['instituteId', 'year', 'kind', 'number'])
@Check('board_sessions_kind_check', `kind IN (${inList(SESSION_KINDS)})`)
@Index('board_sessions_held_idx', ['instituteId', 'heldOn'])
export class BoardSession extends Versioned {
  @Column({ type: 'uuid', name: 'institute_id' })
  instituteId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institute_id' })
  institute?: Organisation;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text' })
  kind: SessionKind;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'date', name: 'held_on' })
  heldOn: string;

  @Column({ type: 'text' })
  title: string;
}

/** An item of a session's agenda, possibly about tracked actions. */
@Entity('board_agenda_items')
@Index('board_agenda_items_session_idx', ['sessionId', 'position'])
export class BoardAgendaItem extends Versioned {
  @Column({ type: 'uuid', name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => BoardSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: BoardSession;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid', array: true, name: 'action_ids', default: () => `'{}'` })
  actionIds: string[];
}

/** A board agreement (acuerdo), coded per institute (e.g. JD-XI-1). */
@Entity('board_agreements')
@Unique('board_agreements_code_key', ['instituteId', 'code'])
@Check('board_agreements_status_check', `status IN (${inList(AGREEMENT_STATUSES)})`)
@Index('board_agreements_session_idx', ['sessionId'])
export class BoardAgreement extends Versioned {
  @Column({ type: 'uuid', name: 'institute_id' })
  instituteId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institute_id' })
  institute?: Organisation;

  @Column({ type: 'uuid', name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => BoardSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: BoardSession;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', nullable: true })
  responsible: string | null;

  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: 'open' })
  status: AgreementStatus;
}

/** A dated follow-up note on an agreement (the "estado" reported at a session). */
@Entity('board_agreement_notes')
@Check(
  'board_agreement_notes_status_check',
  `status IS NULL OR status IN (${inList(AGREEMENT_STATUSES)})`,
)
@Index('board_agreement_notes_agreement_idx', ['agreementId', 'notedOn'])
export class BoardAgreementNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'agreement_id' })
  agreementId: string;

  @ManyToOne(() => BoardAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: BoardAgreement;

  @Column({ type: 'date', name: 'noted_on' })
  notedOn: string;

  @Column({ type: 'text', nullable: true })
  status: AgreementStatus | null;

  @Column({ type: 'text' })
  text: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
