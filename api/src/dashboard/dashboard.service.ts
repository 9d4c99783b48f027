import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParams } from '../common/sql-scope';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors';
import type { ReportingCurrency } from '../common/money';
import {
  FUNDING_CLASSES,
  FundingClass,
  Grouping,
  moneySource,
  moneySql,
  plannedSql,
  portfolioScope,
  rateSourcesSql,
  scopedActions,
  sourceKey,
  weightsSql,
  unconvertedSumsSql,
  actionCountsSql,
} from './dashboard-sql';
import {
  CountDto,
  DashboardQueryDto,
  GroupDto,
  GroupedDto,
  GroupedQueryDto,
  MilestonesDto,
  MilestonesQueryDto,
  MoneyFiguresDto,
  FigureTotalsDto,
  PartnerMoneyDto,
  PartnerTotalsDto,
  RateSourceDto,
  RateSourcesDto,
  SummaryDto,
  UnconvertedPageDto,
  UnconvertedQueryDto,
  UnconvertedSumDto,
} from './dto/dashboard.dto';
import {
  actionCountSql,
  byYear,
  emptyFigures,
  figuresByGroup,
  GroupBy,
  GROUPINGS,
  keyOf,
  MoneyRow,
  OVERLAPPING,
  PARTICIPATION,
  plannedFigure,
  PlannedRow,
  PROVIDED,
  sortByWeight,
  YEAR_KEY,
  labelPartners,
} from './dashboard-groupings';
import { milestonesDue, overdueMilestones } from './dashboard-milestones';
import { unconvertedPage } from './dashboard-unconverted';
import { DASHBOARD_READS } from './dashboard-reads';
import { answerPart } from '../cache/answer-parts';

export { GROUPINGS, type GroupBy } from './dashboard-groupings';

type User = Pick<AuthUser, 'role' | 'organisationId'>;

@Injectable()
export class DashboardService {
  constructor(private readonly dataSource: DataSource) {}

  private async money(
    query: DashboardQueryDto,
    user: User,
    grouping: Grouping,
    only?: (string | null)[],
  ) {
    const currency: ReportingCurrency = query.currency ?? 'MXN';
    const params = new SqlParams();
    const scope = scopedActions(query, user, params);
    const whole = portfolioScope(query, user);
    const source = moneySource(grouping, whole);
    let where: string | undefined;
    if (only && grouping.indexed) {
      const key = sourceKey(grouping, source);
      const keys = only.filter((k): k is string => k !== null);
      where = `(${key} = ANY(${params.add(keys)}::uuid[])${only.includes(null) ? ` OR ${key} IS NULL` : ''})`;
    }
    const rows: MoneyRow[] = await this.dataSource.query(
      moneySql(grouping, scope, currency, source, whole, where),
      params.values,
    );
    return figuresByGroup(rows, currency);
  }

  /** Money of `grouping` (not a rollup) over the records or actions in scope, rows `where`. */
  private async moneyWhere(
    query: DashboardQueryDto,
    user: User,
    grouping: Grouping,
    where: (params: SqlParams) => string,
  ) {
    const currency: ReportingCurrency = query.currency ?? 'MXN';
    const params = new SqlParams();
    const scope = scopedActions(query, user, params);
    const source = grouping.perRecord ? 'records' : 'actions';
    const rows: MoneyRow[] = await this.dataSource.query(
      moneySql(grouping, scope, currency, source, null, where(params)),
      params.values,
    );
    return figuresByGroup(rows, currency);
  }

  /** "En acciones donde participa" for each of `ids`, in scope. */
  private participation(query: DashboardQueryDto, user: User, ids: string[]) {
    return this.moneyWhere(
      query,
      user,
      PARTICIPATION,
      (params) => `p.organisation_id = ANY(${params.add(ids)}::uuid[])`,
    );
  }

  /** "Aportado por el socio" for each of `ids`, in scope (records where it is the provider). */
  private provided(query: DashboardQueryDto, user: User, ids: string[]) {
    return this.moneyWhere(
      query,
      user,
      PROVIDED,
      (params) => `f.provider_id = ANY(${params.add(ids)}::uuid[])`,
    );
  }

  /** A partner's two figures, in total and by year of value date. */
  async partnerMoney(id: string, query: DashboardQueryDto, user: User): Promise<PartnerMoneyDto> {
    const currency = query.currency ?? 'MXN';
    const exists: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM organisations WHERE id = $1`,
      [id],
    );
    if (!exists.length) throw AppError.notFound('ORGANISATION_NOT_FOUND');
    const byYear = (grouping: Grouping) => ({
      ...grouping,
      moneyKey: YEAR_KEY,
      moneyPostKey: 'g.k1::text',
      perRecord: true,
    });
    const [provided, participation, providedByYear, participationByYear] = await Promise.all([
      this.provided(query, user, [id]),
      this.participation(query, user, [id]),
      this.moneyWhere(query, user, byYear(PROVIDED), (p) => `f.provider_id = ${p.add(id)}::uuid`),
      this.moneyWhere(
        query,
        user,
        byYear(PARTICIPATION),
        (p) => `p.organisation_id = ${p.add(id)}::uuid`,
      ),
    ]);
    const own = keyOf(id, null);
    const years = new Set([...providedByYear.keys(), ...participationByYear.keys()]);
    return {
      currency,
      organisationId: id,
      provided: provided.get(own) ?? emptyFigures(currency),
      participation: participation.get(own) ?? emptyFigures(currency),
      byYear: [...years]
        .map((key) => ({
          year: (JSON.parse(key) as [string | null])[0],
          provided: providedByYear.get(key) ?? emptyFigures(currency),
          participation: participationByYear.get(key) ?? emptyFigures(currency),
        }))
        .sort((a, b) =>
          a.year === null ? 1 : b.year === null ? -1 : Number(a.year) - Number(b.year),
        ),
    };
  }

  /** Both figures' four totals for each organisation of `ids` (the partner list), in scope. */
  async partnerTotals(
    ids: string[],
    query: DashboardQueryDto,
    user: User,
  ): Promise<Map<string, PartnerTotalsDto>> {
    const currency = query.currency ?? 'MXN';
    const totals = new Map<string, PartnerTotalsDto>();
    if (!ids.length) return totals;
    const [provided, participation] = await Promise.all([
      this.provided(query, user, ids),
      this.participation(query, user, ids),
    ]);
    const slim = (figures: MoneyFiguresDto | undefined): FigureTotalsDto => {
      const f = figures ?? emptyFigures(currency);
      return {
        ceilings: f.ceilings.total,
        committed: f.committed.total,
        executed: f.executed.total,
        inKind: f.inKind.total,
        unconverted: FUNDING_CLASSES.reduce((n, cls) => n + f[cls].unconvertedCount, 0),
      };
    };
    for (const id of ids) {
      const key = keyOf(id, null);
      totals.set(id, {
        currency,
        provided: slim(provided.get(key)),
        participation: slim(participation.get(key)),
      });
    }
    return totals;
  }

  /** Each key's four rounded totals (an indexed grouping), as figures without their breakdown. */
  private async weights(query: DashboardQueryDto, user: User, grouping: Grouping) {
    const currency: ReportingCurrency = query.currency ?? 'MXN';
    const params = new SqlParams();
    const whole = portfolioScope(query, user);
    const rows: ({ k1: string | null } & Record<FundingClass, string | null>)[] =
      await this.dataSource.query(
        weightsSql(
          grouping,
          scopedActions(query, user, params),
          currency,
          moneySource(grouping, whole),
          whole,
        ),
        params.values,
      );
    const groups = new Map<string, MoneyFiguresDto>();
    for (const row of rows) {
      const figures = emptyFigures(currency);
      for (const cls of FUNDING_CLASSES) figures[cls].total = row[cls] ?? '0.00';
      groups.set(keyOf(row.k1, null), figures);
    }
    return groups;
  }

  async summary(query: DashboardQueryDto, user: User): Promise<SummaryDto> {
    // A logged milestone renews the overdue count, not the money and the counts of actions.
    const [portfolio, overdue] = await Promise.all([
      answerPart('summary-portfolio', DASHBOARD_READS, () => this.summaryPortfolio(query, user)),
      overdueMilestones(this.dataSource.manager, query, user),
    ]);
    return { ...portfolio, asOf: overdue.asOf, overdueMilestones: overdue.count };
  }

  /** The summary's money and counts of actions and partners (no milestones). */
  private async summaryPortfolio(
    query: DashboardQueryDto,
    user: User,
  ): Promise<Omit<SummaryDto, 'asOf' | 'overdueMilestones'>> {
    const currency = query.currency ?? 'MXN';
    const countsParams = new SqlParams();
    const countsSql = actionCountsSql(scopedActions(query, user, countsParams));
    const sumsParams = new SqlParams();
    const sumsSql = unconvertedSumsSql(scopedActions(query, user, sumsParams), currency);
    const plannedParams = new SqlParams();
    const plannedQuery = plannedSql(scopedActions(query, user, plannedParams), currency);
    const [figures, counts, unconverted, plannedRows] = await Promise.all([
      this.money(query, user, { moneyKey: 'NULL::text' }),
      this.dataSource.query(countsSql, countsParams.values) as Promise<
        { dim: string; key: string | null; n: number }[]
      >,
      this.dataSource.query(sumsSql, sumsParams.values) as Promise<
        (UnconvertedSumDto & { cls: FundingClass })[]
      >,
      this.dataSource.query(plannedQuery, plannedParams.values) as Promise<PlannedRow[]>,
    ]);
    const money = figures.get(keyOf(null, null)) ?? emptyFigures(currency);
    for (const cls of FUNDING_CLASSES) money[cls].unconvertedByCurrency = [];
    for (const { cls, ...sum } of unconverted) money[cls]?.unconvertedByCurrency?.push(sum);
    const pick = (dim: string): CountDto[] =>
      counts.filter((c) => c.dim === dim).map((c) => ({ key: c.key, count: c.n }));
    const byKind = pick('kind').sort((a, b) => b.count - a.count);
    const byStatus = pick('status').sort((a, b) => b.count - a.count);
    return {
      currency,
      money,
      planned: plannedFigure(plannedRows, currency),
      actions: byKind.reduce((sum, c) => sum + c.count, 0),
      activeActions: byStatus.find((c) => c.key === 'implementation')?.count ?? 0,
      actionsByKind: byKind,
      actionsByStatus: byStatus,
      partners: pick('partners')[0]?.count ?? 0,
    };
  }

  /** The records left out of the converted figures, a page at a time. */
  unconverted(query: UnconvertedQueryDto, user: User): Promise<UnconvertedPageDto> {
    return unconvertedPage(this.dataSource.manager, query, user);
  }

  /** Which rates (currency, source, dates) the converted figures in scope were computed with. */
  async rateSources(query: DashboardQueryDto, user: User): Promise<RateSourcesDto> {
    const currency = query.currency ?? 'MXN';
    const params = new SqlParams();
    const sources: RateSourceDto[] = await this.dataSource.query(
      rateSourcesSql(scopedActions(query, user, params), currency),
      params.values,
    );
    return { currency, sources };
  }

  async grouped(groupBy: GroupBy, query: GroupedQueryDto, user: User): Promise<GroupedDto> {
    const currency = query.currency ?? 'MXN';
    const grouping: Grouping = GROUPINGS[groupBy];
    const countActions = async (): Promise<Map<string, number>> => {
      if (!grouping.actionKey) return new Map();
      const params = new SqlParams();
      const rows: { k1: string | null; k2: string | null; n: number }[] =
        await this.dataSource.query(
          `WITH ${scopedActions(query, user, params)} ${actionCountSql(grouping)}`,
          params.values,
        );
      return new Map(rows.map((r) => [keyOf(r.k1, r.k2), r.n]));
    };
    // An indexed grouping (partners) is ranked on its totals alone, then summed in full for the
    // groups answered; the others are summed in full at once (a few dozen groups).
    const [figures, actions] = await Promise.all([
      grouping.indexed ? this.weights(query, user, grouping) : this.money(query, user, grouping),
      countActions(),
    ]);
    const keys = new Set([...figures.keys(), ...actions.keys()]);
    let groups: GroupDto[] = [...keys].map((key) => {
      const [k1, k2] = JSON.parse(key) as [string | null, string | null];
      const group: GroupDto = {
        key: k1,
        actions: grouping.actionKey ? (actions.get(key) ?? 0) : null,
        money: figures.get(key) ?? emptyFigures(currency),
      };
      if (groupBy === 'year') group.modality = k2;
      return group;
    });
    groups = groupBy === 'year' ? groups.sort(byYear) : sortByWeight(groups);
    const totalGroups = groups.length;
    groups = groups.slice(0, query.limit ?? 100);
    if (grouping.indexed) await this.completeRanked(groupBy, query, user, groups);
    return { currency, groupBy, totalGroups, overlapping: OVERLAPPING.has(groupBy), groups };
  }

  /**
   * The groups answered of an indexed grouping (ranked on their totals alone): their money in
   * full and, for partners, their labels and "en acciones donde participa" — three statements
   * that need only the ranking, sent side by side.
   */
  private async completeRanked(
    groupBy: GroupBy,
    query: GroupedQueryDto,
    user: User,
    groups: GroupDto[],
  ): Promise<void> {
    if (!groups.length) return;
    const currency = query.currency ?? 'MXN';
    const partners = groupBy === 'partner';
    const keys = groups.map((g) => g.key);
    const ids = keys.filter((k): k is string => k !== null);
    const none = new Map<string, MoneyFiguresDto>();
    const [full, participation] = await Promise.all([
      this.money(query, user, GROUPINGS[groupBy], keys),
      partners && ids.length ? this.participation(query, user, ids) : none,
      partners ? labelPartners(this.dataSource.manager, groups) : undefined,
    ]);
    for (const group of groups) {
      group.money = full.get(keyOf(group.key, null)) ?? group.money;
      if (partners && group.key !== null)
        group.participation = participation.get(keyOf(group.key, null)) ?? emptyFigures(currency);
    }
  }

  /** Open milestones due within `window` days and those overdue (the dashboard's list). */
  milestones(query: MilestonesQueryDto, user: User): Promise<MilestonesDto> {
    return milestonesDue(this.dataSource.manager, query, user);
  }
}
