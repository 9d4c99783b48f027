import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProgressFigureDto } from '../progress/progress-response.dto';
import {
  AGREEMENT_STATUSES,
  type AgreementStatus,
  SESSION_KINDS,
  type SessionKind,
} from './board.entities';

/*
 * Responses of the board routes. Timestamps are `Date` here (as TypeORM and pg give them) and
 * ISO 8601 strings on the wire; dates without time are 'YYYY-MM-DD' strings.
 */

const nullableString = { nullable: true, type: String } as const;
const nullableDate = { nullable: true, type: String, format: 'date' } as const;
const timestamp = { type: String, format: 'date-time' } as const;

export class BoardSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instituteId: string;
  @ApiProperty({ example: 12 }) number: number;
  @ApiProperty({ enum: SESSION_KINDS }) kind: SessionKind;
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ format: 'date', example: '2023-12-14' }) heldOn: string;
  @ApiProperty() title: string;
  @ApiProperty() version: number;
  @ApiProperty(timestamp) createdAt: Date;
  @ApiProperty(timestamp) updatedAt: Date;
}

export class BoardAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ example: 7 }) position: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Tracked actions the item is about' })
  actionIds: string[];
  @ApiProperty() version: number;
  @ApiProperty(timestamp) createdAt: Date;
  @ApiProperty(timestamp) updatedAt: Date;
}

/** A follow-up note on an agreement. */
export class BoardAgreementNoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ format: 'date', example: '2024-01-18' }) notedOn: string;
  @ApiPropertyOptional({
    enum: AGREEMENT_STATUSES,
    nullable: true,
    description: 'The status the note gave the agreement (null: none)',
  })
  status: AgreementStatus | null;
  @ApiProperty() text: string;
  @ApiProperty(timestamp) createdAt: Date;
}

/** The latest note of an agreement, as listed with it. */
export class BoardLatestNoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', example: '2024-01-18' }) notedOn: string;
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES, nullable: true })
  status: AgreementStatus | null;
  @ApiProperty() text: string;
}

/** An agreement as stored (the answer to its creation and update). */
export class BoardAgreementRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instituteId: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ example: 'JD-XII-1' }) code: string;
  @ApiProperty() text: string;
  @ApiPropertyOptional(nullableString) responsible: string | null;
  @ApiPropertyOptional(nullableDate) dueDate: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  @ApiProperty() version: number;
  @ApiProperty(timestamp) createdAt: Date;
  @ApiProperty(timestamp) updatedAt: Date;
}

/** An agreement with its session's title and date and its latest note (lists, report). */
export class BoardAgreementDto extends BoardAgreementRecordDto {
  @ApiProperty() sessionTitle: string;
  @ApiProperty({ format: 'date' }) sessionHeldOn: string;
  @ApiPropertyOptional({
    type: BoardLatestNoteDto,
    nullable: true,
    description: 'By date, then entry (null: no notes)',
  })
  latestNote: BoardLatestNoteDto | null;
}

/** GET /board-agreements/:id: the agreement with every note, latest first. */
export class BoardAgreementDetailDto extends BoardAgreementDto {
  @ApiProperty({ type: [BoardAgreementNoteDto] }) notes: BoardAgreementNoteDto[];
}

/** GET /board-sessions/:id: the session with its agenda and the agreements recorded in it. */
export class BoardSessionDetailDto extends BoardSessionDto {
  @ApiProperty({ type: [BoardAgendaItemDto] }) agendaItems: BoardAgendaItemDto[];
  @ApiProperty({ type: [BoardAgreementDto] }) agreements: BoardAgreementDto[];
}

// ── follow-up report ───────────────────────────────────────────────────────

/** A row created, updated or deleted in the report's window. */
export class BoardReportChangeDto {
  @ApiProperty({ example: 'milestone' }) entity: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) operation: 'create' | 'update' | 'delete';
  @ApiProperty(timestamp) at: string;
  @ApiProperty() summary: string;
}

export class BoardReportChangesDto {
  @ApiProperty({ type: [BoardReportChangeDto] }) new: BoardReportChangeDto[];
  @ApiProperty({ type: [BoardReportChangeDto] }) updated: BoardReportChangeDto[];
}

/** An action linked from the agenda, with its changes since the previous session. */
export class BoardReportActionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ description: 'In the report language (Spanish when there is no English title)' })
  title: string;
  @ApiProperty({ type: [Number], description: 'Agenda items that refer to the action' })
  agendaPositions: number[];
  @ApiPropertyOptional({ type: ProgressFigureDto, nullable: true })
  progress: ProgressFigureDto | null;
  @ApiProperty({ type: BoardReportChangesDto }) milestones: BoardReportChangesDto;
  @ApiProperty({ type: BoardReportChangesDto }) funding: BoardReportChangesDto;
  @ApiProperty({ type: BoardReportChangesDto }) results: BoardReportChangesDto;
  @ApiProperty({ type: BoardReportChangesDto }) stages: BoardReportChangesDto;
  @ApiProperty({ type: [BoardReportChangeDto] }) deleted: BoardReportChangeDto[];
  @ApiProperty({ description: 'Audit log entries of the action in the window' })
  auditEntries: number;
}

export class BoardReportSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: SESSION_KINDS }) kind: SessionKind;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: "The institute's acronym, else its name" }) institute: string;
}

export class BoardReportPreviousDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  @ApiProperty() title: string;
}

/** Changes count when their day is after `from` (if any) and not after `to`. */
export class BoardReportWindowDto {
  @ApiPropertyOptional({ ...nullableDate, description: 'null: first session recorded' })
  from: string | null;
  @ApiProperty({ format: 'date' }) to: string;
}

/** GET /board-sessions/:id/report. */
export class BoardReportDto {
  @ApiProperty({ enum: ['es', 'en'] }) lang: 'es' | 'en';
  @ApiProperty({ type: BoardReportSessionDto }) session: BoardReportSessionDto;
  @ApiPropertyOptional({ type: BoardReportPreviousDto, nullable: true })
  previous: BoardReportPreviousDto | null;
  @ApiProperty({ type: BoardReportWindowDto }) window: BoardReportWindowDto;
  @ApiProperty({ type: [BoardReportActionDto] }) actions: BoardReportActionDto[];
  @ApiProperty({ type: [BoardAgreementDto], description: 'Agreements of this session' })
  agreements: BoardAgreementDto[];
  @ApiProperty({
    type: [BoardAgreementDto],
    description: "The institute's open or in-progress agreements up to this session",
  })
  openAgreements: BoardAgreementDto[];
}
