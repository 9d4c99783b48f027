import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ActionFilterDto, toInt } from '../../actions/dto/action-filter.dto';
import { MAX_PAGE_SIZE } from '../../common/dto/pagination.dto';
import { REPORTING_CURRENCIES, type ReportingCurrency } from '../../common/money';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** Every list filter, plus the currency the figures are converted to. */
export class DashboardQueryDto extends ActionFilterDto {
  @ApiPropertyOptional({ enum: REPORTING_CURRENCIES, default: 'MXN' })
  @IsOptional()
  @Transform(upper)
  @IsIn(REPORTING_CURRENCIES)
  currency?: ReportingCurrency;
}

export class GroupedQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({
    default: 100,
    minimum: 1,
    maximum: 1000,
    description: 'At most this many groups (largest first)',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class MilestonesQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({
    default: 90,
    minimum: 1,
    maximum: 366,
    description: 'Upcoming: planned in the next N days',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(366)
  window?: number;

  @ApiPropertyOptional({
    default: 100,
    minimum: 1,
    maximum: 500,
    description: 'At most this many milestones per list',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export const MONEY_FIGURES = ['ceilings', 'committed', 'executed', 'inKind'] as const;

/** The records a figure could not convert, one page at a time (the "ver desglose" panel). */
export class UnconvertedQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ enum: MONEY_FIGURES, description: 'Only this key figure' })
  @IsOptional()
  @IsIn(MONEY_FIGURES)
  figure?: (typeof MONEY_FIGURES)[number];

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

export class CurrencyAmountDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '1000.00', description: 'Sum in that currency' }) amount: string;
  @ApiProperty({
    example: '20063.00',
    type: String,
    description: 'Its convertible part in the requested currency',
  })
  converted: string | null;
}

export const UNCONVERTED_REASONS = ['currency_not_stated', 'no_value_date', 'no_rate'] as const;
export type UnconvertedReason = (typeof UNCONVERTED_REASONS)[number];

export class UnconvertedDto {
  @ApiProperty({ format: 'uuid' }) fundingId: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  actionCode: string;
  type: string;
  @ApiProperty({ example: '361000.00' }) amount: string;
  currency: string | null;
  valueDate: string | null;
  reason: UnconvertedReason;
}

export class UnconvertedItemDto extends UnconvertedDto {
  @ApiProperty({ enum: MONEY_FIGURES }) figure: (typeof MONEY_FIGURES)[number];
}

export class UnconvertedPageDto {
  @ApiProperty({ example: 'USD', description: 'The currency they could not be converted to' })
  currency: string;
  @ApiProperty({ type: [UnconvertedItemDto], description: 'Oldest value date first' })
  items: UnconvertedItemDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** What a figure leaves out, per original currency and reason (summary). */
export class UnconvertedSumDto {
  @ApiProperty({ type: String, description: 'Original currency; null = not stated' })
  currency: string | null;
  reason: UnconvertedReason;
  @ApiProperty({ example: '361000.00', description: 'Sum in the original currency' })
  amount: string;
  records: number;
}

/** One key figure: converted total plus what it is made of. Figures are never added together. */
export class MoneyFigureDto {
  @ApiProperty({
    example: '16187025.00',
    description: 'Sum of the convertible records, in `currency`',
  })
  total: string;
  @ApiProperty({ example: 'MXN' }) currency: string;
  byCurrency: CurrencyAmountDto[];
  @ApiProperty({ description: 'Money records counted' }) records: number;
  @ApiProperty({
    description: 'Records left out of `total` (no currency, no value date or no rate)',
  })
  unconvertedCount: number;
  @ApiPropertyOptional({
    type: [UnconvertedSumDto],
    description:
      'Summary only: what `total` leaves out, per original currency and reason (the records: GET dashboard/unconverted)',
  })
  unconvertedByCurrency?: UnconvertedSumDto[];
}

export class MoneyFiguresDto {
  @ApiProperty({
    type: MoneyFigureDto,
    description: 'Commitment ceilings (in-kind "up to" amounts)',
  })
  ceilings: MoneyFigureDto;
  committed: MoneyFigureDto;
  @ApiProperty({ type: MoneyFigureDto, description: 'Disbursements and expenditure' })
  executed: MoneyFigureDto;
  @ApiProperty({ type: MoneyFigureDto, description: 'In-kind contributions and prizes' })
  inKind: MoneyFigureDto;
}

/**
 * Planned disbursements ("Desembolsos previstos"): plans with their periods, never executed
 * money and never part of a key figure.
 */
export class PlannedMoneyDto extends MoneyFigureDto {
  @ApiProperty({
    type: String,
    example: '2020-01-01',
    description: 'Start of the earliest period planned (value date when no period)',
  })
  from: string | null;
  @ApiProperty({
    type: String,
    example: '2023-12-31',
    description: 'End of the latest period planned (value date when no period)',
  })
  to: string | null;
}

export class CountDto {
  key: string | null;
  count: number;
}

/** The exchange rates the converted figures used, per currency and source. */
export class RateSourceDto {
  @ApiProperty({ example: 'USD', description: 'Currency whose rate to MXN was used' })
  currency: string;
  @ApiProperty({ example: 'Banxico FIX', description: '"manual" when the rate has no source' })
  source: string;
  @ApiProperty({ description: 'Money records converted with a rate of this source' })
  records: number;
  @ApiProperty({ example: '2018-05-28', description: 'Earliest rate date used' }) from: string;
  @ApiProperty({ example: '2019-01-14', description: 'Latest rate date used' }) to: string;
}

export class RateSourcesDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({
    type: [RateSourceDto],
    description: 'Where the rates behind the converted figures come from (empty: none used)',
  })
  sources: RateSourceDto[];
}

export class SummaryDto {
  @ApiProperty({ example: 'MXN' }) currency: string;
  @ApiProperty({
    example: '2024-05-01',
    description: 'Today in Mexico City (for overdue milestones)',
  })
  asOf: string;
  money: MoneyFiguresDto;
  @ApiProperty({
    type: PlannedMoneyDto,
    description: 'Planned disbursements, apart: plans, never executed money',
  })
  planned: PlannedMoneyDto;
  actions: number;
  @ApiProperty({ description: 'Actions in implementation' }) activeActions: number;
  actionsByKind: CountDto[];
  actionsByStatus: CountDto[];
  @ApiProperty({ description: 'Distinct organisations taking part' }) partners: number;
  overdueMilestones: number;
}

export class GroupDto {
  @ApiProperty({ type: String, description: 'Group key; null = not stated' })
  key: string | null;
  label?: string | null;
  @ApiProperty({ type: String, description: 'by-year only' }) modality?: string | null;
  @ApiProperty({ type: Number, description: 'Actions in the group' })
  actions: number | null;
  @ApiProperty({
    type: MoneyFiguresDto,
    description: 'by-partner: money the organisation provided ("aportado por el socio")',
  })
  money: MoneyFiguresDto;
  @ApiPropertyOptional({
    type: MoneyFiguresDto,
    description:
      'by-partner only: all the money of the actions it takes part in, whoever provided it ("en acciones donde participa")',
  })
  participation?: MoneyFiguresDto;
}

export class GroupedDto {
  @ApiProperty({ example: 'MXN' }) currency: string;
  @ApiProperty({ example: 'theme' }) groupBy: string;
  @ApiProperty({ description: 'Groups before the limit' }) totalGroups: number;
  @ApiProperty({
    description:
      'Overlapping groupings (themes, SDGs, municipalities, partners) count an action in each of its groups',
  })
  overlapping: boolean;
  groups: GroupDto[];
}

export class MilestoneItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  type: string;
  title: string;
  @ApiProperty({ example: '2024-06-01' }) plannedDate: string;
  @ApiProperty({ description: 'Negative when overdue' }) daysFromToday: number;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  actionCode: string;
  actionTitle: string;
}

export class MilestonesDto {
  asOf: string;
  window: number;
  upcomingCount: number;
  overdueCount: number;
  @ApiProperty({ type: [MilestoneItemDto], description: 'Soonest first' })
  upcoming: MilestoneItemDto[];
  @ApiProperty({ type: [MilestoneItemDto], description: 'Most overdue first' })
  overdue: MilestoneItemDto[];
}

/** One year of a partner's money: both figures. */
export class PartnerYearDto {
  @ApiProperty({
    type: String,
    example: '2019',
    description: 'Year of value date; null = not stated',
  })
  year: string | null;
  provided: MoneyFiguresDto;
  participation: MoneyFiguresDto;
}

/**
 * A partner's money, two named figures never added together: what it provided ("aportado por el
 * socio": records where it is the provider) and all the money of the actions it takes part in
 * ("en acciones donde participa", whoever provided it), each per key figure, in `currency`.
 */
export class PartnerMoneyDto {
  @ApiProperty({ example: 'MXN' }) currency: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  provided: MoneyFiguresDto;
  participation: MoneyFiguresDto;
  @ApiProperty({ type: [PartnerYearDto], description: 'Oldest year first; not stated last' })
  byYear: PartnerYearDto[];
}

/** The four totals of a figure set, in the list's currency (partner list). */
export class FigureTotalsDto {
  @ApiProperty({ example: '0.00' }) ceilings: string;
  @ApiProperty({ example: '0.00' }) committed: string;
  @ApiProperty({ example: '0.00' }) executed: string;
  @ApiProperty({ example: '0.00' }) inKind: string;
  @ApiProperty({ description: 'Records left out (not converted), over the four' })
  unconverted: number;
}

export class PartnerTotalsDto {
  @ApiProperty({ example: 'MXN' }) currency: string;
  @ApiProperty({ type: FigureTotalsDto, description: 'Aportado por el socio' })
  provided: FigureTotalsDto;
  @ApiProperty({ type: FigureTotalsDto, description: 'En acciones donde participa' })
  participation: FigureTotalsDto;
}
