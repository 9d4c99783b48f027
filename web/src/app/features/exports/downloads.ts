import { HttpClient, HttpEventType, HttpParams } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { lastValueFrom, tap } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import { filenameFrom, saveBlob, withJsonErrorBody } from './download-file';
import { exportErrorMessage } from './export-errors';

/** One file to fetch from the API and save. */
export interface DownloadRequest {
  /** Same-origin API path, e.g. `/api/v1/actions/<id>/export/sheet.pdf`. */
  url: string;
  params?: Record<string, string>;
  /** Used when the response has no Content-Disposition file name. */
  fallbackName: string;
  /** What the user asked for ("Ficha del proyecto (PDF, español)"), for progress and messages. */
  label: string;
}

export interface DownloadProgress {
  label: string;
  loaded: number;
  /** Null while the API streams without a Content-Length. */
  total: number | null;
}

/**
 * Fetches exports with the session cookie (HttpClient, so the Accept-Language and 401 handling
 * of the app apply), reports progress, saves the file under the API's name and says what went
 * wrong by error code. One download at a time.
 */
@Injectable({ providedIn: 'root' })
export class Downloads {
  private readonly http = inject(HttpClient);
  private readonly snackBar = inject(MatSnackBar);
  private readonly activeSignal = signal<DownloadProgress | null>(null);

  readonly active = this.activeSignal.asReadonly();
  readonly busy = computed(() => this.activeSignal() !== null);

  /** Resolves to the saved file name, or null when it failed (the user has been told why). */
  async download(request: DownloadRequest): Promise<string | null> {
    if (this.activeSignal()) return null;
    this.activeSignal.set({ label: request.label, loaded: 0, total: null });
    try {
      const response = await lastValueFrom(
        this.http
          .get(request.url, {
            params: new HttpParams({ fromObject: request.params ?? {} }),
            responseType: 'blob',
            observe: 'events',
            reportProgress: true,
          })
          .pipe(
            tap((event) => {
              if (event.type === HttpEventType.DownloadProgress) {
                this.activeSignal.set({
                  label: request.label,
                  loaded: event.loaded,
                  total: event.total ?? null,
                });
              }
            }),
          ),
      );
      if (response.type !== HttpEventType.Response || !response.body) {
        throw new Error('empty response');
      }
      const name = filenameFrom(response.headers.get('Content-Disposition'), request.fallbackName);
      saveBlob(response.body, name);
      this.snackBar.open($localize`:@@export.saved:Descargado: ${name}:name:`, undefined, {
        duration: 4000,
      });
      return name;
    } catch (e) {
      const error = toApiError(await withJsonErrorBody(e));
      this.snackBar.open(
        $localize`:@@export.failed:No se pudo descargar «${request.label}:label:». ${exportErrorMessage(error)}:reason:`,
        $localize`:@@export.close:Cerrar`,
        { duration: 10_000, politeness: 'assertive' },
      );
      return null;
    } finally {
      this.activeSignal.set(null);
    }
  }
}
