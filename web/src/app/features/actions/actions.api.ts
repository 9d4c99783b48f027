import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  ActionDetail,
  ActionSummary,
  CreateActionRequest,
  CreateFundingRequest,
  CreateMilestoneRequest,
  CreateParticipationRequest,
  Funding,
  HistoryEntry,
  Milestone,
  Page,
  Participation,
  Result,
} from '../../core/api/models';
import { ActionFilters, filtersToApiParams } from './action-filters';

const BASE = '/api/v1/actions';

@Injectable({ providedIn: 'root' })
export class ActionsApi {
  private readonly http = inject(HttpClient);

  list(filters: ActionFilters): Observable<Page<ActionSummary>> {
    return this.http.get<Page<ActionSummary>>(BASE, { params: filtersToApiParams(filters) });
  }

  get(id: string): Observable<ActionDetail> {
    return this.http.get<ActionDetail>(`${BASE}/${encodeURIComponent(id)}`);
  }

  history(id: string): Observable<{ items: HistoryEntry[] }> {
    return this.http.get<{ items: HistoryEntry[] }>(`${BASE}/${encodeURIComponent(id)}/history`);
  }

  create(body: CreateActionRequest): Observable<ActionDetail> {
    return this.http.post<ActionDetail>(BASE, body);
  }

  update(
    id: string,
    body: Partial<CreateActionRequest> & { version: number },
  ): Observable<ActionDetail> {
    return this.http.patch<ActionDetail>(`${BASE}/${encodeURIComponent(id)}`, body);
  }

  addParticipation(id: string, body: CreateParticipationRequest): Observable<Participation> {
    return this.http.post<Participation>(`${BASE}/${encodeURIComponent(id)}/participations`, body);
  }

  addFunding(id: string, body: CreateFundingRequest): Observable<Funding> {
    return this.http.post<Funding>(`${BASE}/${encodeURIComponent(id)}/funding`, body);
  }

  addMilestone(id: string, body: CreateMilestoneRequest): Observable<Milestone> {
    return this.http.post<Milestone>(`${BASE}/${encodeURIComponent(id)}/milestones`, body);
  }

  addResult(id: string, statement: string): Observable<Result> {
    return this.http.post<Result>(`${BASE}/${encodeURIComponent(id)}/results`, { statement });
  }
}
