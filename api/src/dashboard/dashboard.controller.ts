import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { CacheAnswer, CacheAnswerOptions } from '../cache/answer-cache.interceptor';
import { DASHBOARD_READS } from './dashboard-reads';
import { DashboardService, GroupBy } from './dashboard.service';
import {
  DashboardQueryDto,
  GroupedDto,
  GroupedQueryDto,
  MilestonesDto,
  MilestonesQueryDto,
  PartnerMoneyDto,
  RateSourcesDto,
  SummaryDto,
  UnconvertedPageDto,
  UnconvertedQueryDto,
} from './dto/dashboard.dto';

/**
 * Funding analytics. Every figure is aggregated by PostgreSQL over the actions the list would
 * show with the same filters (partners: only their organisation's actions); amounts are strings.
 */
@ApiTags('dashboard')
@Controller('v1/dashboard')
@CacheAnswer({ reads: DASHBOARD_READS })
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  @CacheAnswerOptions({ reads: [...DASHBOARD_READS, 'milestones'] })
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary:
      'Key figures: ceilings, committed, executed, in-kind (never added together), actions, partners',
  })
  @ApiOkResponse({ type: SummaryDto })
  summary(@Query() query: DashboardQueryDto, @CurrentUser() user: AuthUser): Promise<SummaryDto> {
    return this.dashboard.summary(query, user);
  }

  @Get('unconverted')
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary:
      'Money records left out of the converted figures (no currency, no value date, no rate), paged',
  })
  @ApiOkResponse({ type: UnconvertedPageDto })
  unconverted(
    @Query() query: UnconvertedQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<UnconvertedPageDto> {
    return this.dashboard.unconverted(query, user);
  }

  @Get('rate-sources')
  @CacheAnswerOptions({ reads: [...DASHBOARD_READS, 'exchange_rates'] })
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary: 'The exchange rates behind the converted figures: currency, source, dates used',
  })
  @ApiOkResponse({ type: RateSourcesDto })
  rateSources(
    @Query() query: DashboardQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RateSourcesDto> {
    return this.dashboard.rateSources(query, user);
  }

  @Get('by-partner')
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary:
      'Money by partner: provided by it (`money`) and in the actions it takes part in (`participation`); actions it takes part in',
  })
  @ApiOkResponse({ type: GroupedDto })
  byPartner(@Query() query: GroupedQueryDto, @CurrentUser() user: AuthUser): Promise<GroupedDto> {
    return this.grouped('partner', query, user);
  }

  @Get('by-partner/:id')
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary:
      "One partner's money: provided by it and in the actions it takes part in, in total and by year",
  })
  @ApiOkResponse({ type: PartnerMoneyDto })
  @ApiNotFoundResponse({ description: 'ORGANISATION_NOT_FOUND' })
  partner(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DashboardQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PartnerMoneyDto> {
    return this.dashboard.partnerMoney(id, query, user);
  }

  @Get('by-partner-type')
  @Roles('staff', 'director', 'partner')
  @ApiOkResponse({ type: GroupedDto })
  byPartnerType(
    @Query() query: GroupedQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GroupedDto> {
    return this.grouped('partner-type', query, user);
  }

  @Get('by-year')
  @Roles('staff', 'director', 'partner')
  @ApiOperation({ summary: 'Money by year of value date, split by modality' })
  @ApiOkResponse({ type: GroupedDto })
  byYear(@Query() query: GroupedQueryDto, @CurrentUser() user: AuthUser): Promise<GroupedDto> {
    return this.grouped('year', query, user);
  }

  @Get('by-theme')
  @Roles('staff', 'director', 'partner')
  @ApiOkResponse({ type: GroupedDto })
  byTheme(@Query() query: GroupedQueryDto, @CurrentUser() user: AuthUser): Promise<GroupedDto> {
    return this.grouped('theme', query, user);
  }

  @Get('by-sdg')
  @Roles('staff', 'director', 'partner')
  @ApiOkResponse({ type: GroupedDto })
  bySdg(@Query() query: GroupedQueryDto, @CurrentUser() user: AuthUser): Promise<GroupedDto> {
    return this.grouped('sdg', query, user);
  }

  @Get('by-municipality')
  @Roles('staff', 'director', 'partner')
  @ApiOkResponse({ type: GroupedDto })
  byMunicipality(
    @Query() query: GroupedQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GroupedDto> {
    return this.grouped('municipality', query, user);
  }

  @Get('by-status')
  @Roles('staff', 'director', 'partner')
  @ApiOkResponse({ type: GroupedDto })
  byStatus(@Query() query: GroupedQueryDto, @CurrentUser() user: AuthUser): Promise<GroupedDto> {
    return this.grouped('status', query, user);
  }

  @Get('milestones')
  @CacheAnswerOptions({ reads: [...DASHBOARD_READS, 'milestones'] })
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary:
      'Open milestones: upcoming in the next `window` days and overdue (Mexico City calendar)',
  })
  @ApiOkResponse({ type: MilestonesDto })
  milestones(
    @Query() query: MilestonesQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MilestonesDto> {
    return this.dashboard.milestones(query, user);
  }

  private grouped(groupBy: GroupBy, query: GroupedQueryDto, user: AuthUser) {
    return this.dashboard.grouped(groupBy, query, user);
  }
}
