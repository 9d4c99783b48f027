import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  CreateExchangeRateRequest,
  ExchangeRate,
  ImportReport,
  Page,
  UpdateExchangeRateRequest,
} from '../../core/api/models';

export interface ExchangeRateQuery {
  currency?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface ImportOptions {
  currency: string;
  dryRun: boolean;
  source?: string;
}

@Injectable({ providedIn: 'root' })
export class ExchangeRatesApi {
  private readonly http = inject(HttpClient);
  private readonly base = '/api/v1/exchange-rates';

  list(query: ExchangeRateQuery = {}): Observable<Page<ExchangeRate>> {
    const params: Record<string, string> = {};
    if (query.currency) params['currency'] = query.currency;
    if (query.from) params['from'] = query.from;
    if (query.to) params['to'] = query.to;
    params['page'] = String(query.page ?? 1);
    params['pageSize'] = String(query.pageSize ?? 25);
    return this.http.get<Page<ExchangeRate>>(this.base, { params });
  }

  create(body: CreateExchangeRateRequest): Observable<ExchangeRate> {
    return this.http.post<ExchangeRate>(this.base, body);
  }

  update(id: string, body: UpdateExchangeRateRequest): Observable<ExchangeRate> {
    return this.http.patch<ExchangeRate>(`${this.base}/${encodeURIComponent(id)}`, body);
  }

  remove(id: string, version: number): Observable<void> {
    return this.http.delete<void>(`${this.base}/${encodeURIComponent(id)}`, {
      params: { version: String(version) },
    });
  }

  /** Banxico FIX CSV as the raw body (text/csv); `dryRun` only reports what would change. */
  import(csv: string, options: ImportOptions): Observable<ImportReport> {
    const params: Record<string, string> = {
      currency: options.currency,
      dryRun: String(options.dryRun),
    };
    const source = options.source?.trim();
    if (source) params['source'] = source;
    return this.http.post<ImportReport>(`${this.base}/import`, csv, {
      params,
      headers: new HttpHeaders({ 'Content-Type': 'text/csv' }),
    });
  }
}
