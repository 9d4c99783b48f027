import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { CreateOrganisationRequest, Organisation, OrganisationDetail, Page } from './models';

export interface OrganisationQuery {
  q?: string;
  type?: string;
  page?: number;
  pageSize?: number;
  /** With it, each organisation carries its two money figures' totals in that currency. */
  currency?: string;
}

/** Organisations (partners, agencies, cities, networks, institutes): used by several features. */
@Injectable({ providedIn: 'root' })
export class OrganisationsApi {
  private readonly http = inject(HttpClient);

  list(query: OrganisationQuery = {}): Observable<Page<Organisation>> {
    const params: Record<string, string> = {};
    if (query.q) params['q'] = query.q;
    if (query.type) params['type'] = query.type;
    if (query.currency) params['currency'] = query.currency;
    params['page'] = String(query.page ?? 1);
    params['pageSize'] = String(query.pageSize ?? 100);
    return this.http.get<Page<Organisation>>('/api/v1/organisations', { params });
  }

  /** 409 ORGANISATION_DUPLICATE carries the existing organisation in `details.existing`. */
  create(body: CreateOrganisationRequest): Observable<Organisation> {
    return this.http.post<Organisation>('/api/v1/organisations', body);
  }

  get(id: string): Observable<OrganisationDetail> {
    return this.http.get<OrganisationDetail>(`/api/v1/organisations/${encodeURIComponent(id)}`);
  }
}
