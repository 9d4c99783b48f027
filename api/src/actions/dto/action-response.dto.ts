import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  FUNDING_TYPES,
  INSTITUTE_ROLES,
  INSTRUMENT_TYPES,
  MILESTONE_STATUSES,
  MILESTONE_TYPES,
  MODALITIES,
  PARTICIPATION_ROLES,
  SCHEMES,
} from '../action.model';
import type { DatePrecision } from '../../common/entity/columns';
import { EvidenceDto } from '../../evidence/evidence.dto';

export class PartnerRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
  acronym: string | null;
  @ApiProperty({ enum: PARTICIPATION_ROLES }) role: string;
}

/** Progress from the stages reached (see `api/src/progress`), computed from the current settings. */
export class ActionProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 30 }) percent: number;
  @ApiProperty({
    type: String,
    description: 'Last stage of the unbroken run from planning (null: none)',
  })
  stage: string | null;
  @ApiProperty({ example: 'Proceso medio' }) labelEs: string;
  @ApiProperty({ example: 'Medium process' }) labelEn: string;
  @ApiProperty({ example: '#fbc02d' }) colour: string;
}

export class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
}

/** An action's money in the list's currency (list with `currency` only). */
export class ActionMoneyDto {
  @ApiProperty({ example: 'MXN' }) currency: string;
  @ApiProperty({ example: '16187025.00', description: 'Commitment ceilings ("up to")' })
  ceilings: string;
  @ApiProperty({ example: '0.00' }) committed: string;
  @ApiProperty({ example: '0.00', description: 'Disbursements and expenditure' })
  executed: string;
  @ApiProperty({ description: 'Records of the three left out (not converted to `currency`)' })
  unconverted: number;
}

export class ActionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'IMEPLAN-2019-CFF' }) code: string;
  @ApiProperty({ enum: ACTION_KINDS }) kind: string;
  titleEs: string;
  titleEn: string | null;
  @ApiProperty({
    type: String,
    enum: ACTION_STATUSES,
    description: 'null: not stated in the source',
  })
  status: string | null;
  @ApiProperty({ enum: INSTITUTE_ROLES }) instituteRole: string;
  @ApiProperty({ type: String, enum: MODALITIES }) modality: string | null;
  themes: string[];
  municipalities: string[];
  sdgs: number[];
  partners: PartnerRefDto[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  @ApiProperty({ description: 'Milestones whose planned date has passed without an actual date' })
  overdueMilestones: number;
  progress: ActionProgressDto;
  @ApiProperty({
    type: UserRefDto,
    description: 'Who follows the action up (notifications, weekly digest)',
  })
  responsible: UserRefDto | null;
  version: number;
  updatedAt: string;
  archivedAt: string | null;
  @ApiPropertyOptional({
    type: ActionMoneyDto,
    description: 'List with `currency` only: ceilings, committed and executed in that currency',
  })
  money?: ActionMoneyDto;
}

export class ActionPageDto {
  items: ActionSummaryDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
  acronym: string | null;
}

export class RelatedActionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  code: string;
  titleEs: string;
}

export class ParticipationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  organisationName: string;
  organisationAcronym: string | null;
  @ApiProperty({ enum: PARTICIPATION_ROLES }) role: string;
  notes: string | null;
  version: number;
}

export class InstrumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INSTRUMENT_TYPES }) type: string;
  title: string;
  parties: string[];
  signedOn: string | null;
  signedOnPrecision: DatePrecision | null;
  validFrom: string | null;
  validTo: string | null;
  documentUrl: string | null;
  version: number;
}

export class FundingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FUNDING_TYPES }) type: string;
  @ApiProperty({ example: '16187025.00' }) amount: string;
  @ApiProperty({ type: String, example: 'MXN', description: 'null: not stated in the source' })
  currency: string | null;
  valueDate: string | null;
  valueDatePrecision: DatePrecision | null;
  @ApiProperty({
    type: String,
    description: 'Budgets and planned disbursements: start of the period they cover',
  })
  periodStart: string | null;
  @ApiProperty({ type: String, description: 'End of that period' })
  periodEnd: string | null;
  providerId: string | null;
  providerName: string | null;
  receiverId: string | null;
  receiverName: string | null;
  description: string | null;
  version: number;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MILESTONE_TYPES }) type: string;
  title: string;
  plannedDate: string | null;
  actualDate: string | null;
  datePrecision: DatePrecision;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: string;
  notes: string | null;
  version: number;
  @ApiProperty({ description: 'Evidence files attached to the milestone' })
  evidenceCount: number;
}

export class IndicatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
  unit: string | null;
  baseline: string | null;
  baselineDate: string | null;
  target: string | null;
  targetDate: string | null;
  actual: string | null;
  actualDate: string | null;
  notes: string | null;
  version: number;
}

export class ResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  statement: string;
  indicators: IndicatorDto[];
  version: number;
  @ApiProperty({ description: 'Evidence files attached to the result' })
  evidenceCount: number;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  title: string;
  url: string;
  milestoneId: string | null;
  resultId: string | null;
  version: number;
}

export class ActionDetailDto extends ActionSummaryDto {
  summaryEs: string | null;
  summaryEn: string | null;
  objectives: string | null;
  @ApiProperty({ type: String, enum: SCHEMES }) scheme: string | null;
  unit: string | null;
  planAlignment: string[];
  actualStartPrecision: DatePrecision | null;
  actualEndPrecision: DatePrecision | null;
  parentProgramme: string | null;
  relatedActions: RelatedActionDto[];
  source: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Internal: absent for partners',
  })
  notes?: string | null;
  @ApiProperty({ type: OrganisationRefDto })
  institute: OrganisationRefDto | null;
  participations: ParticipationDto[];
  instruments: InstrumentDto[];
  funding: FundingDto[];
  milestones: MilestoneDto[];
  results: ResultDto[];
  documents: DocumentDto[];
  @ApiProperty({
    type: [EvidenceDto],
    description: 'Evidence files of the action, its milestones and results (metadata only)',
  })
  evidence: EvidenceDto[];
  createdAt: string;
}

export class HistoryEntryDto {
  id: string;
  at: string;
  actorEmail: string | null;
  @ApiProperty({
    type: String,
    description:
      "The actor's display name (null for share-link uses, imports without a user or deleted users)",
  })
  actorName: string | null;
  @ApiProperty({ enum: ['create', 'update', 'archive', 'restore', 'delete'] }) operation: string;
  @ApiProperty({ example: 'funding' }) entity: string;
  entityId: string;
  @ApiProperty({ type: Object }) before: Record<string, unknown> | null;
  @ApiProperty({ type: Object }) after: Record<string, unknown> | null;
}

export class HistoryDto {
  items: HistoryEntryDto[];
}
