import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_TYPES, type OrganisationType } from '../../organisations/organisation.entity';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ActionKind,
  ActionStatus,
  Modality,
  MODALITIES,
  PARTICIPATION_ROLES,
  ParticipationRole,
} from '../action.model';

/** `?kind=a&kind=b` and `?kind=a,b` both give ['a', 'b']. */
export const toList = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null || value === '') return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [v],
  );
  return items.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
};
const toIntList = ({ value }: { value: unknown }) =>
  toList({ value })?.map((v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v));
export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
export const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The filters shared by the action list, the dashboard and the exports. */
export class ActionFilterDto {
  @ApiPropertyOptional({
    description: 'Accent- and case-insensitive search in code, titles and summaries',
    example: 'arbol',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ACTION_KINDS, isArray: true })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(20)
  @IsIn(ACTION_KINDS, { each: true })
  kind?: ActionKind[];

  @ApiPropertyOptional({ enum: ACTION_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(20)
  @IsIn(ACTION_STATUSES, { each: true })
  status?: ActionStatus[];

  @ApiPropertyOptional({
    description: 'Only these actions (ids): one action’s tables as CSV or workbook, for instance',
    type: [String],
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  id?: string[];

  @ApiPropertyOptional({ description: 'Organisation ids taking part', type: [String] })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partner?: string[];

  @ApiPropertyOptional({
    enum: PARTICIPATION_ROLES,
    isArray: true,
    description: 'Role of the partner(s) (any partner when no partner is given)',
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(10)
  @IsIn(PARTICIPATION_ROLES, { each: true })
  role?: ParticipationRole[];

  @ApiPropertyOptional({
    enum: ORGANISATION_TYPES,
    isArray: true,
    description: 'Actions in which an organisation of these types takes part',
  })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(20)
  @IsIn(ORGANISATION_TYPES, { each: true })
  partnerType?: OrganisationType[];

  @ApiPropertyOptional({ type: [String], example: ['movilidad'] })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  theme?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Zapopan'] })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  municipality?: string[];

  @ApiPropertyOptional({ type: [Number], example: [11, 13] })
  @IsOptional()
  @Transform(toIntList)
  @ArrayMaxSize(17)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(17, { each: true })
  sdg?: number[];

  @ApiPropertyOptional({ enum: MODALITIES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(10)
  @IsIn(MODALITIES, { each: true })
  modality?: Modality[];

  @ApiPropertyOptional({ example: 2018, description: 'Actions running in or after this year' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1900)
  @Max(2200)
  yearFrom?: number;

  @ApiPropertyOptional({ example: 2021, description: 'Actions running in or before this year' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1900)
  @Max(2200)
  yearTo?: number;

  @ApiPropertyOptional({ description: 'Include archived actions (staff, directors, admins)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  archived?: boolean;
}
