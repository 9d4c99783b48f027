import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  IMPORT_ERROR_CODES,
  IMPORT_ISSUE_CODES,
  IMPORT_KINDS,
  IMPORT_WARNING_CODES,
  type ImportIssueCode,
} from '../import-model';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class PortfolioImportQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'true: report what would change and write nothing',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    enum: ['file', 'activity'],
    default: 'file',
    description:
      'Unit of all-or-nothing (IATI): the whole file, or each activity (activities with errors are left out and listed in `skipped`; the others are applied)',
  })
  @IsOptional()
  @IsIn(['file', 'activity'])
  atomicity?: 'file' | 'activity';
}

export class ImportLocationDto {
  @ApiProperty({ example: 'coopera-portfolio-2026-01-31.xlsx' }) file: string;
  @ApiPropertyOptional({ example: 'funding' }) sheet?: string;
  @ApiPropertyOptional({ example: 12, description: 'Row in the file (the header is row 1)' })
  row?: number;
  @ApiPropertyOptional({ example: 'amount' }) column?: string;
  @ApiPropertyOptional({ example: 'iati-activity[2]/transaction[3]', description: 'IATI element' })
  path?: string;
}

export class ImportIssueDto {
  location: ImportLocationDto;
  @ApiProperty({
    enum: IMPORT_ISSUE_CODES,
    example: 'invalid_date',
    description: `Stable code (the web app translates it). Errors stop the import: ${IMPORT_ERROR_CODES.join(', ')}. Warnings say what was read differently or left out: ${IMPORT_WARNING_CODES.join(', ')}`,
  })
  code: ImportIssueCode;
  @ApiProperty({ example: 'A date written YYYY-MM-DD' }) message: string;
  @ApiPropertyOptional({ example: '31/02/2020' }) value?: string;
}

export class PlannedRowDto {
  location: ImportLocationDto;
  @ApiProperty({
    enum: [
      'organisations',
      'actions',
      'participations',
      'funding',
      'milestones',
      'results',
      'indicators',
      'document_links',
    ],
  })
  table: string;
  @ApiProperty({ example: 'IMEPLAN-2019-CFF' }) key: string;
  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'delete'] }) outcome: string;
  @ApiPropertyOptional({ type: [String], example: ['status', 'actual_end'] }) changes?: string[];
}

export class ImportCountsDto {
  create: number;
  update: number;
  unchanged: number;
  /** Records an earlier IATI import created that the republished activity no longer holds. */
  delete: number;
}

export class ImportTableCountsDto {
  organisations: ImportCountsDto;
  actions: ImportCountsDto;
  participations: ImportCountsDto;
  funding: ImportCountsDto;
  milestones: ImportCountsDto;
  results: ImportCountsDto;
  indicators: ImportCountsDto;
  @ApiProperty({ type: ImportCountsDto, description: 'IATI document links' })
  document_links: ImportCountsDto;
}

export class ImportFileDto {
  @ApiProperty({ example: 'coopera-actions-2026-01-31.csv' }) name: string;
  @ApiProperty({ example: 48213 }) bytes: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256: string;
}

/** What one IATI activity would get (dry run) or got. */
export class ImportActivityDto {
  @ApiProperty({ example: 'iati-activity[3]' }) path: string;
  @ApiProperty({ type: String, nullable: true, example: 'DE-1-202122334.2004' })
  code: string | null;
  counts: ImportCountsDto;
  @ApiProperty({ description: 'Errors located in this activity' }) errors: number;
  @ApiProperty({ description: 'Left out (atomicity=activity): nothing of it is written' })
  skipped: boolean;
}

export class ImportPlanDto {
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  dryRun: boolean;
  @ApiProperty({ description: 'True when the changes were written' }) applied: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'Id of the audit entry of the import' })
  importId?: string;
  files: ImportFileDto[];
  counts: ImportCountsDto;
  byTable: ImportTableCountsDto;
  @ApiProperty({ type: [PlannedRowDto], description: 'Per row (at most 5000)' })
  rows: PlannedRowDto[];
  @ApiProperty({ description: 'More rows were planned than listed' }) rowsTruncated: boolean;
  @ApiProperty({ type: [ImportIssueDto], description: 'Errors (at most 1000): nothing is written' })
  errors: ImportIssueDto[];
  @ApiProperty({ description: 'Total number of errors' }) errorCount: number;
  @ApiProperty({ type: [ImportIssueDto], description: 'Parts of the file left out on purpose' })
  warnings: ImportIssueDto[];
  @ApiPropertyOptional({ type: [ImportActivityDto], description: 'IATI: per activity' })
  activities?: ImportActivityDto[];
  @ApiPropertyOptional({
    type: [ImportIssueDto],
    description: 'atomicity=activity: the errors of the activities left out (the rest is applied)',
  })
  skipped?: ImportIssueDto[];
  @ApiProperty({ example: 812, description: 'Milliseconds spent' }) elapsedMs: number;
}
