import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { ImportKind, ImportPlan } from './imports.model';

@Injectable({ providedIn: 'root' })
export class ImportsApi {
  private readonly http = inject(HttpClient);

  /** Uploads the files (multipart, field "file"); `dryRun` only reports what would change. */
  run(kind: ImportKind, files: File[], dryRun: boolean): Observable<ImportPlan> {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    return this.http.post<ImportPlan>(`/api/v1/imports/${kind}`, form, {
      params: { dryRun: String(dryRun) },
    });
  }
}
