import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { REPORTING_CURRENCIES, type ReportingCurrency } from '../../common/money';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { DATE_PRECISIONS, type DatePrecision } from '../../common/entity/columns';
import { IsDateOnly, IsNotBefore } from '../../common/validators';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  type ActionKind,
  type ActionStatus,
  INSTITUTE_ROLES,
  type InstituteRole,
  MODALITIES,
  type Modality,
  SCHEMES,
  type Scheme,
} from '../action.model';
import { ActionFilterDto, toBool } from './action-filter.dto';
import {
  FundingInput,
  InstrumentInput,
  MilestoneInput,
  ParticipationInput,
  ResultInput,
  VersionedDto,
} from './parts.dto';

const trimTag = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class ActionFieldsDto {
  @ApiProperty({ example: 'IMEPLAN-2019-CFF', description: 'Unique code (letters, digits, . _ -)' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/)
  code: string;

  @ApiProperty({ enum: ACTION_KINDS, example: 'cooperation_project' })
  @IsIn(ACTION_KINDS)
  kind: ActionKind;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The institute running the action',
  })
  @IsOptional()
  @IsUUID()
  instituteId?: string | null;

  @ApiProperty({ example: 'Ruta eléctrica en el Sistema Integrado Peribús' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  titleEs: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Electric route in the Peribús integrated system',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  titleEn?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  summaryEs?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  summaryEn?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  objectives?: string | null;

  @ApiProperty({ enum: INSTITUTE_ROLES, example: 'recipient' })
  @IsIn(INSTITUTE_ROLES)
  instituteRole: InstituteRole;

  @ApiPropertyOptional({ enum: SCHEMES, nullable: true })
  @IsOptional()
  @IsIn(SCHEMES)
  scheme?: Scheme | null;

  @ApiPropertyOptional({ enum: MODALITIES, nullable: true })
  @IsOptional()
  @IsIn(MODALITIES)
  modality?: Modality | null;

  @ApiPropertyOptional({
    enum: ACTION_STATUSES,
    nullable: true,
    description: 'IATI activity status',
  })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus | null;

  @ApiPropertyOptional({ type: [String], example: ['movilidad'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(trimTag)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  themes?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Gerencia Técnica de Cooperación Internacional',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  unit?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['Guadalajara', 'Zapopan'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Transform(trimTag)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  municipalities?: string[];

  @ApiPropertyOptional({ type: [Number], example: [11, 13] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(17)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(17, { each: true })
  sdgs?: number[];

  @ApiPropertyOptional({ type: [String], example: ['PED 2040: Movilidad sustentable'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  planAlignment?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, example: '2019-06-01' })
  @IsOptional()
  @IsDateOnly()
  plannedStart?: string | null;

  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('plannedStart')
  plannedEnd?: string | null;

  @IsOptional()
  @IsDateOnly()
  actualStart?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, nullable: true })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  actualStartPrecision?: DatePrecision | null;

  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('actualStart')
  actualEnd?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, nullable: true })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  actualEndPrecision?: DatePrecision | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The institute user who follows the action up (active, not a partner): gets its milestone notifications and the weekly digest',
  })
  @IsOptional()
  @IsUUID()
  responsibleId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'C40 Cities Finance Facility' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  parentProgramme?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Ids of related actions' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  relatedActionIds?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  source?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Internal notes, never shown to partners',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

/** Creates an action with its participations, instruments, funding, milestones and results, in one transaction. */
export class CreateActionDto extends ActionFieldsDto {
  @ApiPropertyOptional({ type: [ParticipationInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipationInput)
  participations?: ParticipationInput[];

  @ApiPropertyOptional({ type: [InstrumentInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InstrumentInput)
  instruments?: InstrumentInput[];

  @ApiPropertyOptional({ type: [FundingInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FundingInput)
  funding?: FundingInput[];

  @ApiPropertyOptional({ type: [MilestoneInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInput)
  milestones?: MilestoneInput[];

  @ApiPropertyOptional({ type: [ResultInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ResultInput)
  results?: ResultInput[];
}

export class UpdateActionDto extends IntersectionType(
  PartialType(OmitType(ActionFieldsDto, [] as const)),
  VersionedDto,
) {}

export const ACTION_SORTS = [
  'code',
  'titleEs',
  'status',
  'kind',
  'updatedAt',
  'actualStart',
  'plannedStart',
  'progress',
  'committed',
  'executed',
  'ceilings',
] as const;

export class ActionListQueryDto extends IntersectionType(ActionFilterDto, PageQueryDto) {
  @ApiPropertyOptional({
    enum: [...ACTION_SORTS, ...ACTION_SORTS.map((s) => `-${s}`)],
    description: 'Sort field; prefix with - for descending',
    default: '-updatedAt',
  })
  @IsOptional()
  @IsIn([...ACTION_SORTS, ...ACTION_SORTS.map((s) => `-${s}`)])
  sort?: string;

  @ApiPropertyOptional({
    enum: REPORTING_CURRENCIES,
    description:
      'With it, each action carries its ceilings, committed and executed money in that currency (`money`); money sorts use it (default MXN)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsIn(REPORTING_CURRENCIES)
  currency?: ReportingCurrency;

  @ApiPropertyOptional({
    description: 'true: only actions with overdue milestones; false: only actions without',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: 'Actions this user is responsible for (a user id, or "me")',
    example: 'me',
  })
  @IsOptional()
  @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: 'responsible must be a user id or "me"',
  })
  responsible?: string;
}
