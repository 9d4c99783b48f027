import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProgressFigureDto } from '../progress/progress-response.dto';
import { AGREEMENT_STATUSES, type AgreementStatus, type SessionKind } from './board.entities';

/*
 * Responses of the board routes. Timestamps are `Date` here (as TypeORM and pg give them) and
 * ISO 8601 strings on the wire; dates without time are 'YYYY-MM-DD' strings.
 */

const nullableDate = { nullable: true, type: String, format: 'date' } as const;
const timestamp = { type: String, format: 'date-time' } as const;

export class BoardSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instituteId: string;
  @ApiProperty({ example: 12 }) number: number;
  kind: SessionKind;
  @ApiProperty({ example: 2023 }) year: number;
  @ApiProperty({ format: 'date', example: '2023-12-14' }) heldOn: string;
  title: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class BoardAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ example: 7 }) position: number;
  title: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Tracked actions the item is about' })
  actionIds: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A follow-up note on an agreement. */
export class BoardAgreementNoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ format: 'date', example: '2024-01-18' }) notedOn: string;
  @ApiProperty({
    enum: AGREEMENT_STATUSES,
    description: 'The status the note gave the agreement (null: none)',
  })
  status: AgreementStatus | null;
  text: string;
  createdAt: Date;
}

/** The latest note of an agreement, as listed with it. */
export class BoardLatestNoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', example: '2024-01-18' }) notedOn: string;
  @ApiProperty({ enum: AGREEMENT_STATUSES })
  status: AgreementStatus | null;
  text: string;
}

/** An agreement as stored (the answer to its creation and update). */
export class BoardAgreementRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instituteId: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ example: 'JD-XII-1' }) code: string;
  text: string;
  responsible: string | null;
  @ApiPropertyOptional(nullableDate) dueDate: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) status: AgreementStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An agreement with its session's title and date and its latest note (lists, report). */
export class BoardAgreementDto extends BoardAgreementRecordDto {
  sessionTitle: string;
  @ApiProperty({ format: 'date' }) sessionHeldOn: string;
  @ApiProperty({ type: BoardLatestNoteDto, description: 'By date, then entry (null: no notes)' })
  latestNote: BoardLatestNoteDto | null;
}

/** GET /board-agreements/:id: the agreement with every note, latest first. */
export class BoardAgreementDetailDto extends BoardAgreementDto {
  notes: BoardAgreementNoteDto[];
}

/** GET /board-sessions/:id: the session with its agenda and the agreements recorded in it. */
export class BoardSessionDetailDto extends BoardSessionDto {
  agendaItems: BoardAgendaItemDto[];
  agreements: BoardAgreementDto[];
}

// ── follow-up report ───────────────────────────────────────────────────────

/** A row created, updated or deleted in the report's window. */
export class BoardReportChangeDto {
  @ApiProperty({ example: 'milestone' }) entity: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) operation: 'create' | 'update' | 'delete';
  @ApiProperty(timestamp) at: string;
  summary: string;
}

export class BoardReportChangesDto {
  new: BoardReportChangeDto[];
  updated: BoardReportChangeDto[];
}

/** An action linked from the agenda, with its changes since the previous session. */
export class BoardReportActionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  code: string;
  @ApiProperty({ description: 'In the report language (Spanish when there is no English title)' })
  title: string;
  @ApiProperty({ type: [Number], description: 'Agenda items that refer to the action' })
  agendaPositions: number[];
  @ApiProperty({ type: ProgressFigureDto })
  progress: ProgressFigureDto | null;
  milestones: BoardReportChangesDto;
  funding: BoardReportChangesDto;
  results: BoardReportChangesDto;
  stages: BoardReportChangesDto;
  deleted: BoardReportChangeDto[];
  @ApiProperty({ description: 'Audit log entries of the action in the window' })
  auditEntries: number;
}

export class BoardReportSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  number: number;
  kind: SessionKind;
  year: number;
  @ApiProperty({ format: 'date' }) heldOn: string;
  title: string;
  @ApiProperty({ description: "The institute's acronym, else its name" }) institute: string;
}

export class BoardReportPreviousDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) heldOn: string;
  title: string;
}

/** Changes count when their day is after `from` (if any) and not after `to`. */
export class BoardReportWindowDto {
  @ApiProperty({ ...nullableDate, description: 'null: first session recorded' })
  from: string | null;
  @ApiProperty({ format: 'date' }) to: string;
}

/** GET /board-sessions/:id/report. */
export class BoardReportDto {
  @ApiProperty({ enum: ['es', 'en'] }) lang: 'es' | 'en';
  session: BoardReportSessionDto;
  @ApiProperty({ type: BoardReportPreviousDto })
  previous: BoardReportPreviousDto | null;
  window: BoardReportWindowDto;
  actions: BoardReportActionDto[];
  @ApiProperty({ type: [BoardAgreementDto], description: 'Agreements of this session' })
  agreements: BoardAgreementDto[];
  @ApiProperty({
    type: [BoardAgreementDto],
    description: "The institute's open or in-progress agreements up to this session",
  })
  openAgreements: BoardAgreementDto[];
}
