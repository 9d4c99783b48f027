import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  DashboardMilestones,
  DashboardSummary,
  Grouped,
  PartnerMoney,
  RateSources,
  UnconvertedPage,
} from '../../core/api/models';

const BASE = '/api/v1/dashboard';

/** The GET /api/v1/dashboard/by-* groupings. */
export type Grouping =
  | 'by-partner'
  | 'by-partner-type'
  | 'by-year'
  | 'by-theme'
  | 'by-sdg'
  | 'by-municipality'
  | 'by-status';

/** Query params as built by `chartQuery` (filters, currency and endpoint extras). */
export type DashboardQuery = Record<string, string>;

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  summary(query: DashboardQuery = { currency: 'MXN' }): Observable<DashboardSummary> {
    return this.http.get<DashboardSummary>(`${BASE}/summary`, { params: query });
  }

  grouped(grouping: Grouping, query: DashboardQuery): Observable<Grouped> {
    return this.http.get<Grouped>(`${BASE}/${grouping}`, { params: query });
  }

  /** The records left out of the converted figures (`figure`: one key figure), a page at a time. */
  unconverted(query: DashboardQuery): Observable<UnconvertedPage> {
    return this.http.get<UnconvertedPage>(`${BASE}/unconverted`, { params: query });
  }

  /** One partner's two figures (provided / in its actions), in total and by year. */
  partnerMoney(id: string, query: DashboardQuery): Observable<PartnerMoney> {
    return this.http.get<PartnerMoney>(`${BASE}/by-partner/${encodeURIComponent(id)}`, {
      params: query,
    });
  }

  /** Which rates (currency, source, dates) the converted figures used. */
  rateSources(query: DashboardQuery): Observable<RateSources> {
    return this.http.get<RateSources>(`${BASE}/rate-sources`, { params: query });
  }

  milestones(query: DashboardQuery): Observable<DashboardMilestones> {
    return this.http.get<DashboardMilestones>(`${BASE}/milestones`, { params: query });
  }
}
