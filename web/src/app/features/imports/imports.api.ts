import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Atomicity, ImportKind, ImportPlan } from './imports.model';

@Injectable({ providedIn: 'root' })
export class ImportsApi {
  private readonly http = inject(HttpClient);

  /**
   * Uploads the files (multipart, field "file"); `dryRun` only reports what would change. IATI:
   * `atomicity` is the unit of all-or-nothing (the whole file, or each activity).
   */
  run(
    kind: ImportKind,
    files: File[],
    dryRun: boolean,
    atomicity: Atomicity = 'file',
  ): Observable<ImportPlan> {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const params: Record<string, string> = { dryRun: String(dryRun) };
    if (kind === 'iati') params['atomicity'] = atomicity;
    return this.http.post<ImportPlan>(`/api/v1/imports/${kind}`, form, { params });
  }
}
