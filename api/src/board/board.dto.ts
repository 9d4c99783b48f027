import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
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
} from 'class-validator';
import { Transform } from 'class-transformer';
import { toBool } from '../actions/dto/action-filter.dto';
import { IsDateOnly } from '../common/validators';
import {
  AGREEMENT_STATUSES,
  type AgreementStatus,
  SESSION_KINDS,
  type SessionKind,
} from './board.entities';

export class SessionInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  instituteId: string;

  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(10000)
  number: number;

  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(1900)
  @Max(2200)
  year: number;

  @ApiProperty({ example: '2023-12-14' })
  @IsDateOnly()
  heldOn: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title: string;
}

export class UpdateSessionDto extends PartialType(SessionInput) {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SessionListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  instituteId?: string;
}

export class AgendaItemInput {
  @ApiProperty({ example: 7 })
  @IsInt()
  @Min(1)
  @Max(1000)
  position: number;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  title: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  actionIds?: string[];
}

export class UpdateAgendaItemDto extends PartialType(AgendaItemInput) {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AgreementInput {
  @ApiProperty({ example: 'JD-XII-1' })
  @IsString()
  @Matches(/^\S.{0,99}$/)
  code: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  responsible?: string | null;

  @IsOptional()
  @IsDateOnly()
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;
}

export class UpdateAgreementDto extends PartialType(AgreementInput) {
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AgreementListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  instituteId?: string;

  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({
    description:
      'true: only pending agreements (open or in progress) past their due date, in Mexico City; ' +
      'false: only the others',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;
}

export class NoteInput {
  @ApiProperty({ example: '2024-01-18' })
  @IsDateOnly()
  notedOn: string;

  @ApiPropertyOptional({
    enum: AGREEMENT_STATUSES,
    nullable: true,
    description: "Also becomes the agreement's status",
  })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus | null;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text: string;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['es', 'en'] })
  @IsOptional()
  @IsIn(['es', 'en'])
  lang?: 'es' | 'en';
}
