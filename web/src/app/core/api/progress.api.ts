import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  ActionStage,
  ProgressDistribution,
  ProgressFigure,
  ProgressScheme,
  TemplateOutcome,
} from './models';

/**
 * Progress scoring (api/src/progress): the scheme (settings), an action's stages and progress,
 * the dashboard's distribution and the milestone templates. Stage writes go through
 * `ActionsApi.addPart/updatePart/deletePart` with the part `stages`, like every other part.
 */
@Injectable({ providedIn: 'root' })
export class ProgressApi {
  private readonly http = inject(HttpClient);

  scheme(): Observable<ProgressScheme> {
    return this.http.get<ProgressScheme>('/api/v1/settings/progress');
  }

  saveScheme(scheme: ProgressScheme): Observable<ProgressScheme> {
    return this.http.put<ProgressScheme>('/api/v1/settings/progress', scheme);
  }

  stages(actionId: string): Observable<ActionStage[]> {
    return this.http.get<ActionStage[]>(`/api/v1/actions/${encodeURIComponent(actionId)}/stages`);
  }

  progress(actionId: string): Observable<ProgressFigure> {
    return this.http.get<ProgressFigure>(
      `/api/v1/actions/${encodeURIComponent(actionId)}/progress`,
    );
  }

  distribution(filters: Record<string, string>): Observable<ProgressDistribution> {
    return this.http.get<ProgressDistribution>('/api/v1/dashboard/progress-distribution', {
      params: filters,
    });
  }

  /** Plans the milestones of the action's kind (types already present are skipped). */
  fromTemplate(actionId: string, startDate?: string): Observable<TemplateOutcome> {
    return this.http.post<TemplateOutcome>(
      `/api/v1/actions/${encodeURIComponent(actionId)}/milestones/from-template`,
      startDate ? { startDate } : {},
    );
  }
}
