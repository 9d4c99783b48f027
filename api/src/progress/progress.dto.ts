import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsNotInFuture } from '../common/validators';
import { PROGRESS_STAGES, type ProgressStage } from './progress.model';

export class StageWeightDto {
  @ApiProperty({ enum: PROGRESS_STAGES })
  @IsIn(PROGRESS_STAGES)
  stage: ProgressStage;

  @ApiProperty({ minimum: 0, maximum: 100, example: 10 })
  @IsInt()
  @Min(0)
  @Max(100)
  weight: number;
}

export class ProgressLevelDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Cumulative % from which it applies' })
  @IsInt()
  @Min(0)
  @Max(100)
  min: number;

  @ApiProperty({ example: 'Proceso medio' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  labelEs: string;

  @ApiProperty({ example: 'Medium process' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  labelEn: string;

  @ApiProperty({ example: '#fbc02d' })
  @Matches(/^#[0-9a-fA-F]{6}$/)
  colour: string;
}

/** The progress scheme: weights of the five stages (sum 100) and the ascending levels. */
export class ProgressSchemeDto {
  @IsArray()
  @ArrayMinSize(PROGRESS_STAGES.length)
  @ArrayMaxSize(PROGRESS_STAGES.length)
  @ValidateNested({ each: true })
  @Type(() => StageWeightDto)
  stages: StageWeightDto[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProgressLevelDto)
  levels: ProgressLevelDto[];
}

export class StageInput {
  @ApiProperty({ enum: PROGRESS_STAGES })
  @IsIn(PROGRESS_STAGES)
  stage: ProgressStage;

  @ApiProperty({ example: '2024-03-01', description: 'Not after today (Mexico City)' })
  @IsDateOnly()
  @IsNotInFuture()
  reachedOn: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(1000)
  evidenceUrl?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: '2024-03-05',
    description: 'Date of the evidence (minutes, report…); not after today (Mexico City)',
  })
  @IsOptional()
  @IsDateOnly()
  @IsNotInFuture()
  evidenceDate?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class UpdateStageDto extends PartialType(StageInput) {
  @ApiPropertyOptional({ description: 'Version read (or If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class FromTemplateDto {
  @ApiPropertyOptional({
    example: '2025-01-15',
    description: 'First planned date (default: planned or actual start, else today)',
  })
  @IsOptional()
  @IsDateOnly()
  startDate?: string;
}
