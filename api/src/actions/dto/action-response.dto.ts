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
import { EvidenceDto } from '../../evidence/evidence.dto';

const nullableString = { nullable: true, type: String } as const;

export class PartnerRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional(nullableString) acronym: string | null;
  @ApiProperty({ enum: PARTICIPATION_ROLES }) role: string;
}

/** Progress from the stages reached (see `api/src/progress`), computed from the current settings. */
export class ActionProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 30 }) percent: number;
  @ApiPropertyOptional({
    nullable: true,
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
  @ApiProperty() name: string;
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
  @ApiProperty() titleEs: string;
  @ApiPropertyOptional(nullableString) titleEn: string | null;
  @ApiPropertyOptional({
    enum: ACTION_STATUSES,
    nullable: true,
    description: 'null: not stated in the source',
  })
  status: string | null;
  @ApiProperty({ enum: INSTITUTE_ROLES }) instituteRole: string;
  @ApiPropertyOptional({ enum: MODALITIES, nullable: true }) modality: string | null;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty({ type: [String] }) municipalities: string[];
  @ApiProperty({ type: [Number] }) sdgs: number[];
  @ApiProperty({ type: [PartnerRefDto] }) partners: PartnerRefDto[];
  @ApiPropertyOptional(nullableString) plannedStart: string | null;
  @ApiPropertyOptional(nullableString) plannedEnd: string | null;
  @ApiPropertyOptional(nullableString) actualStart: string | null;
  @ApiPropertyOptional(nullableString) actualEnd: string | null;
  @ApiProperty({ description: 'Milestones whose planned date has passed without an actual date' })
  overdueMilestones: number;
  @ApiProperty({ type: ActionProgressDto }) progress: ActionProgressDto;
  @ApiPropertyOptional({
    type: UserRefDto,
    nullable: true,
    description: 'Who follows the action up (notifications, weekly digest)',
  })
  responsible: UserRefDto | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional(nullableString) archivedAt: string | null;
  @ApiPropertyOptional({
    type: ActionMoneyDto,
    description: 'List with `currency` only: ceilings, committed and executed in that currency',
  })
  money?: ActionMoneyDto;
}

export class ActionPageDto {
  @ApiProperty({ type: [ActionSummaryDto] }) items: ActionSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class OrganisationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional(nullableString) acronym: string | null;
}

export class RelatedActionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() titleEs: string;
}

export class ParticipationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiPropertyOptional(nullableString) organisationAcronym: string | null;
  @ApiProperty({ enum: PARTICIPATION_ROLES }) role: string;
  @ApiPropertyOptional(nullableString) notes: string | null;
  @ApiProperty() version: number;
}

export class InstrumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INSTRUMENT_TYPES }) type: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) parties: string[];
  @ApiPropertyOptional(nullableString) signedOn: string | null;
  @ApiPropertyOptional(nullableString) signedOnPrecision: string | null;
  @ApiPropertyOptional(nullableString) validFrom: string | null;
  @ApiPropertyOptional(nullableString) validTo: string | null;
  @ApiPropertyOptional(nullableString) documentUrl: string | null;
  @ApiProperty() version: number;
}

export class FundingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FUNDING_TYPES }) type: string;
  @ApiProperty({ example: '16187025.00' }) amount: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'MXN',
    description: 'null: not stated in the source',
  })
  currency: string | null;
  @ApiPropertyOptional(nullableString) valueDate: string | null;
  @ApiPropertyOptional(nullableString) valueDatePrecision: string | null;
  @ApiPropertyOptional({
    ...nullableString,
    description: 'Budgets and planned disbursements: start of the period they cover',
  })
  periodStart: string | null;
  @ApiPropertyOptional({ ...nullableString, description: 'End of that period' })
  periodEnd: string | null;
  @ApiPropertyOptional(nullableString) providerId: string | null;
  @ApiPropertyOptional(nullableString) providerName: string | null;
  @ApiPropertyOptional(nullableString) receiverId: string | null;
  @ApiPropertyOptional(nullableString) receiverName: string | null;
  @ApiPropertyOptional(nullableString) description: string | null;
  @ApiProperty() version: number;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MILESTONE_TYPES }) type: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional(nullableString) plannedDate: string | null;
  @ApiPropertyOptional(nullableString) actualDate: string | null;
  @ApiProperty({ enum: ['day', 'month', 'year'] }) datePrecision: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: string;
  @ApiPropertyOptional(nullableString) notes: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Evidence files attached to the milestone' })
  evidenceCount: number;
}

export class IndicatorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional(nullableString) unit: string | null;
  @ApiPropertyOptional(nullableString) baseline: string | null;
  @ApiPropertyOptional(nullableString) baselineDate: string | null;
  @ApiPropertyOptional(nullableString) target: string | null;
  @ApiPropertyOptional(nullableString) targetDate: string | null;
  @ApiPropertyOptional(nullableString) actual: string | null;
  @ApiPropertyOptional(nullableString) actualDate: string | null;
  @ApiPropertyOptional(nullableString) notes: string | null;
  @ApiProperty() version: number;
}

export class ResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() statement: string;
  @ApiProperty({ type: [IndicatorDto] }) indicators: IndicatorDto[];
  @ApiProperty() version: number;
  @ApiProperty({ description: 'Evidence files attached to the result' })
  evidenceCount: number;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() url: string;
  @ApiPropertyOptional(nullableString) milestoneId: string | null;
  @ApiPropertyOptional(nullableString) resultId: string | null;
  @ApiProperty() version: number;
}

export class ActionDetailDto extends ActionSummaryDto {
  @ApiPropertyOptional(nullableString) summaryEs: string | null;
  @ApiPropertyOptional(nullableString) summaryEn: string | null;
  @ApiPropertyOptional(nullableString) objectives: string | null;
  @ApiPropertyOptional({ enum: SCHEMES, nullable: true }) scheme: string | null;
  @ApiPropertyOptional(nullableString) unit: string | null;
  @ApiProperty({ type: [String] }) planAlignment: string[];
  @ApiPropertyOptional(nullableString) actualStartPrecision: string | null;
  @ApiPropertyOptional(nullableString) actualEndPrecision: string | null;
  @ApiPropertyOptional(nullableString) parentProgramme: string | null;
  @ApiProperty({ type: [RelatedActionDto] }) relatedActions: RelatedActionDto[];
  @ApiPropertyOptional(nullableString) source: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Internal: absent for partners',
  })
  notes?: string | null;
  @ApiPropertyOptional({ type: OrganisationRefDto, nullable: true })
  institute: OrganisationRefDto | null;
  @ApiProperty({ type: [ParticipationDto] }) participations: ParticipationDto[];
  @ApiProperty({ type: [InstrumentDto] }) instruments: InstrumentDto[];
  @ApiProperty({ type: [FundingDto] }) funding: FundingDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty({ type: [ResultDto] }) results: ResultDto[];
  @ApiProperty({ type: [DocumentDto] }) documents: DocumentDto[];
  @ApiProperty({
    type: [EvidenceDto],
    description: 'Evidence files of the action, its milestones and results (metadata only)',
  })
  evidence: EvidenceDto[];
  @ApiProperty() createdAt: string;
}

export class HistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiPropertyOptional(nullableString) actorEmail: string | null;
  @ApiPropertyOptional({
    ...nullableString,
    description:
      "The actor's display name (null for share-link uses, imports without a user or deleted users)",
  })
  actorName: string | null;
  @ApiProperty({ enum: ['create', 'update', 'archive', 'restore', 'delete'] }) operation: string;
  @ApiProperty({ example: 'funding' }) entity: string;
  @ApiProperty() entityId: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) before: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) after: Record<string, unknown> | null;
}

export class HistoryDto {
  @ApiProperty({ type: [HistoryEntryDto] }) items: HistoryEntryDto[];
}
