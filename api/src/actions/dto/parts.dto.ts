import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DATE_PRECISIONS, type DatePrecision } from '../../common/entity/columns';
import {
  IsCurrency,
  IsDateOnly,
  IsDecimalString,
  IsMoney,
  IsNotBefore,
} from '../../common/validators';
import {
  FUNDING_TYPES,
  type FundingType,
  INSTRUMENT_TYPES,
  type InstrumentType,
  MILESTONE_TYPES,
  type MilestoneType,
  PARTICIPATION_ROLES,
  type ParticipationRole,
} from '../action.model';

export class VersionedDto {
  @ApiPropertyOptional({
    description: 'The version you read (or send If-Match); stale → 409',
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ParticipationInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: PARTICIPATION_ROLES, example: 'funding' })
  @IsIn(PARTICIPATION_ROLES)
  role: ParticipationRole;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class InstrumentInput {
  @ApiProperty({ enum: INSTRUMENT_TYPES, example: 'agreement' })
  @IsIn(INSTRUMENT_TYPES)
  type: InstrumentType;

  @ApiProperty({ example: 'Convenio de colaboración IMEPLAN–GIZ' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: [String], example: ['IMEPLAN', 'GIZ'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  parties?: string[];

  @ApiPropertyOptional({ example: '2018-08-15', nullable: true, type: String })
  @IsOptional()
  @IsDateOnly()
  signedOn?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, nullable: true })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  signedOnPrecision?: DatePrecision | null;

  @IsOptional()
  @IsDateOnly()
  validFrom?: string | null;

  @IsOptional()
  @IsDateOnly()
  @IsNotBefore('validFrom')
  validTo?: string | null;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(1000)
  documentUrl?: string | null;
}

export class FundingInput {
  @ApiProperty({
    enum: FUNDING_TYPES,
    example: 'ceiling',
    description: 'ceiling = "worth up to X": never money received',
  })
  @IsIn(FUNDING_TYPES)
  type: FundingType;

  @ApiProperty({ example: '16187025.00', description: 'Decimal string, ≥ 0, at most 2 decimals' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: 'MXN', description: 'ISO 4217' })
  @IsCurrency()
  currency: string;

  @ApiPropertyOptional({ example: '2019-01-14', nullable: true, type: String })
  @IsOptional()
  @IsDateOnly()
  valueDate?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, nullable: true })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  valueDatePrecision?: DatePrecision | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  providerId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  receiverId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

export class MilestoneInput {
  @ApiProperty({ enum: MILESTONE_TYPES, example: 'technical_visit' })
  @IsIn(MILESTONE_TYPES)
  type: MilestoneType;

  @ApiProperty({ example: 'Visita técnica del equipo CFF' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ example: '2018-10-18', nullable: true, type: String })
  @IsOptional()
  @IsDateOnly()
  plannedDate?: string | null;

  @ApiPropertyOptional({
    example: '2018-10-19',
    nullable: true,
    type: String,
    description: 'Set when it happened (done)',
  })
  @IsOptional()
  @IsDateOnly()
  actualDate?: string | null;

  @ApiPropertyOptional({ enum: DATE_PRECISIONS, default: 'day' })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  datePrecision?: DatePrecision;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

export class IndicatorInput {
  @ApiProperty({ example: 'Autobuses eléctricos en operación' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  name: string;

  @ApiPropertyOptional({ example: 'autobuses', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unit?: string | null;

  @ApiPropertyOptional({ example: '0', nullable: true, type: String })
  @IsOptional()
  @IsDecimalString()
  baseline?: string | null;

  @IsOptional()
  @IsDateOnly()
  baselineDate?: string | null;

  @ApiPropertyOptional({ example: '40', nullable: true, type: String })
  @IsOptional()
  @IsDecimalString()
  target?: string | null;

  @IsOptional()
  @IsDateOnly()
  targetDate?: string | null;

  @ApiPropertyOptional({ example: '38', nullable: true, type: String })
  @IsOptional()
  @IsDecimalString()
  actual?: string | null;

  @IsOptional()
  @IsDateOnly()
  actualDate?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class ResultInput {
  @ApiProperty({ example: '38 autobuses eléctricos operan en el corredor' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  statement: string;

  @ApiPropertyOptional({ type: [IndicatorInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorInput)
  indicators?: IndicatorInput[];
}

export class DocumentInput {
  @ApiProperty({ example: 'Informe final del estudio' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  title: string;

  @ApiProperty({ example: 'https://imeplan.mx/documentos/estudio.pdf' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(1000)
  url: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  milestoneId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  resultId?: string | null;
}

export class UpdateParticipationDto extends IntersectionType(
  PartialType(ParticipationInput),
  VersionedDto,
) {}
export class UpdateInstrumentDto extends IntersectionType(
  PartialType(InstrumentInput),
  VersionedDto,
) {}
export class UpdateFundingDto extends IntersectionType(PartialType(FundingInput), VersionedDto) {}
export class UpdateMilestoneDto extends IntersectionType(
  PartialType(MilestoneInput),
  VersionedDto,
) {}
export class UpdateResultDto extends IntersectionType(
  PartialType(OmitType(ResultInput, ['indicators'] as const)),
  VersionedDto,
) {}
export class UpdateIndicatorDto extends IntersectionType(
  PartialType(IndicatorInput),
  VersionedDto,
) {}
export class UpdateDocumentDto extends IntersectionType(PartialType(DocumentInput), VersionedDto) {}
