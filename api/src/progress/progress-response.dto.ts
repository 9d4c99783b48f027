import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_TYPES, type MilestoneType } from '../actions/action.model';
import type { DatePrecision } from '../common/entity/columns';
import { PROGRESS_STAGES, type ProgressStage } from './progress.model';

/*
 * Responses of the progress routes. Timestamps are `Date` here (as TypeORM and pg give them)
 * and ISO 8601 strings on the wire; dates without time are 'YYYY-MM-DD' strings.
 */

/** GET /actions/:id/progress, and each action's progress in the board report. */
export class ProgressFigureDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 30 }) percent: number;
  @ApiProperty({
    enum: PROGRESS_STAGES,
    description: 'Last stage of the unbroken run from planning (null: none)',
  })
  stage: ProgressStage | null;
  @ApiProperty({
    example: 'Proceso medio',
    description: "The level's label in the request language",
  })
  label: string;
  @ApiProperty({ example: 'Proceso medio' }) labelEs: string;
  @ApiProperty({ example: 'Medium process' }) labelEn: string;
  @ApiProperty({ example: '#fbc02d' }) colour: string;
}

/** One level of the progress scheme with how many of the filtered actions sit at it. */
export class ProgressLevelCountDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Cumulative % from which it applies' })
  min: number;
  @ApiProperty({
    example: 'Proceso medio',
    description: "The level's label in the request language",
  })
  label: string;
  @ApiProperty({ example: 'Proceso medio' }) labelEs: string;
  @ApiProperty({ example: 'Medium process' }) labelEn: string;
  @ApiProperty({ example: '#fbc02d' }) colour: string;
  count: number;
}

/** GET /dashboard/progress-distribution: every level of the scheme, even empty ones. */
export class ProgressDistributionDto {
  @ApiProperty({ description: 'Actions counted (the sum of the levels)' }) total: number;
  levels: ProgressLevelCountDto[];
}

/** A stage reached by an action, with its evidence. */
export class ActionStageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  stage: ProgressStage;
  @ApiProperty({ format: 'date', example: '2024-03-01' }) reachedOn: string;
  evidenceUrl: string | null;
  @ApiProperty({ type: String, format: 'date', example: '2024-03-05' })
  evidenceDate: string | null;
  notes: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A milestone as stored (no computed status or evidence count), as planned from a template. */
export class MilestoneRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ enum: MILESTONE_TYPES }) type: MilestoneType;
  title: string;
  @ApiProperty({ type: String, format: 'date' }) plannedDate: string | null;
  @ApiProperty({ type: String, format: 'date' }) actualDate: string | null;
  datePrecision: DatePrecision;
  notes: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** POST /actions/:id/milestones/from-template. */
export class TemplateOutcomeDto {
  @ApiProperty({ type: [MilestoneRecordDto], description: 'Milestones planned, in template order' })
  created: MilestoneRecordDto[];
  @ApiProperty({
    enum: MILESTONE_TYPES,
    isArray: true,
    description: 'Types of the template the action already had (not planned again)',
  })
  skipped: MilestoneType[];
}
