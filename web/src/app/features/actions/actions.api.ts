import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  ActionDetail,
  AssignableUser,
  ActionSummary,
  CreateActionRequest,
  CreateFundingRequest,
  CreateMilestoneRequest,
  CreateParticipationRequest,
  Funding,
  HistoryEntry,
  Indicator,
  Milestone,
  Page,
  Participation,
  Result,
} from '../../core/api/models';
import { ActionFilters, filtersToApiParams } from '../../shared/filter-bar/action-filters';

const BASE = '/api/v1/actions';

/** The parts of an action with their own endpoints (`/actions/:id/<part>`); indicators hang off results. */
export type PartKind =
  | 'participations'
  | 'instruments'
  | 'funding'
  | 'milestones'
  | 'results'
  | 'documents'
  | 'indicators'
  | 'stages';

@Injectable({ providedIn: 'root' })
export class ActionsApi {
  private readonly http = inject(HttpClient);

  /** A page of actions; with `currency`, each carries its money in that currency. */
  list(filters: ActionFilters, currency?: string): Observable<Page<ActionSummary>> {
    const params = filtersToApiParams(filters);
    if (currency) params['currency'] = currency;
    return this.http.get<Page<ActionSummary>>(BASE, { params });
  }

  /** People who can be responsible for an action (active institute users). */
  assignable(): Observable<AssignableUser[]> {
    return this.http.get<AssignableUser[]>('/api/v1/users/assignable');
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

  archive(id: string, version: number): Observable<ActionDetail> {
    return this.http.post<ActionDetail>(`${BASE}/${encodeURIComponent(id)}/archive`, { version });
  }

  restore(id: string, version: number): Observable<ActionDetail> {
    return this.http.post<ActionDetail>(`${BASE}/${encodeURIComponent(id)}/restore`, { version });
  }

  /** POST /actions/:id/<part>: adds a participation, instrument, funding, milestone, result or document. */
  addPart<T>(id: string, part: PartKind, body: object): Observable<T> {
    return this.http.post<T>(`${BASE}/${encodeURIComponent(id)}/${part}`, body);
  }

  /** PATCH /actions/:id/<part>/:partId with the version read (stale → 409 VERSION_CONFLICT). */
  updatePart<T>(
    id: string,
    part: PartKind,
    partId: string,
    body: Record<string, unknown> & { version: number },
  ): Observable<T> {
    return this.http.patch<T>(
      `${BASE}/${encodeURIComponent(id)}/${part}/${encodeURIComponent(partId)}`,
      body,
    );
  }

  /** DELETE /actions/:id/<part>/:partId?version=n → 204. */
  deletePart(id: string, part: PartKind, partId: string, version: number): Observable<void> {
    return this.http.delete<void>(
      `${BASE}/${encodeURIComponent(id)}/${part}/${encodeURIComponent(partId)}`,
      { params: { version: String(version) } },
    );
  }

  addIndicator(id: string, resultId: string, body: object): Observable<Indicator> {
    return this.http.post<Indicator>(
      `${BASE}/${encodeURIComponent(id)}/results/${encodeURIComponent(resultId)}/indicators`,
      body,
    );
  }
}
