import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { DashboardMilestones, DashboardSummary, Grouped } from '../../core/api/models';

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

  milestones(query: DashboardQuery): Observable<DashboardMilestones> {
    return this.http.get<DashboardMilestones>(`${BASE}/milestones`, { params: query });
  }
}
