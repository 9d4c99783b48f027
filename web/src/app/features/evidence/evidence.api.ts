import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Evidence } from '../../core/api/models';

/** Where evidence is attached: the action itself, one of its milestones or one of its results. */
export interface EvidenceTarget {
  actionId: string;
  milestoneId?: string | null;
  resultId?: string | null;
}

/** The upload route of a target (`/actions/:id[/milestones/:mid|/results/:rid]/evidence`). */
export function evidenceUrl(target: EvidenceTarget): string {
  const base = `/api/v1/actions/${encodeURIComponent(target.actionId)}`;
  if (target.milestoneId)
    return `${base}/milestones/${encodeURIComponent(target.milestoneId)}/evidence`;
  if (target.resultId) return `${base}/results/${encodeURIComponent(target.resultId)}/evidence`;
  return `${base}/evidence`;
}

/** Evidence files: multipart upload (field "file"), download by link, delete. */
@Injectable({ providedIn: 'root' })
export class EvidenceApi {
  private readonly http = inject(HttpClient);

  upload(target: EvidenceTarget, files: readonly File[]): Observable<{ items: Evidence[] }> {
    const body = new FormData();
    for (const file of files) body.append('file', file, file.name);
    return this.http.post<{ items: Evidence[] }>(evidenceUrl(target), body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/evidence/${encodeURIComponent(id)}`);
  }
}
