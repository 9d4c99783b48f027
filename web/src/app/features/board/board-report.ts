import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
  ViewEncapsulation,
} from '@angular/core';
import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { BoardReport } from '../../core/api/models';
import { apiLanguage } from '../../core/i18n/locale';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { labelOf } from '../../core/i18n/labels';
import { PreciseDatePipe, TimestampPipe } from '../../shared/dates';
import { todayIso } from '../../shared/forms';
import { ProgressMeter } from '../../shared/progress-meter';
import { ErrorState, LoadingState } from '../../shared/states';
import { BoardApi, reportPdfUrl } from './board.api';
import { isOverdue, sessionLabel } from './board.model';

type Section = 'milestones' | 'funding' | 'results' | 'stages';

/**
 * The follow-up report of a board session, ready to print (the app's chrome is hidden on paper):
 * per action linked from the agenda, what changed since the previous session (new and updated
 * milestones, funding, results, progress stages; deletions) and its progress; then the
 * agreements of the session and every agreement still pending. The same report downloads as a
 * PDF in Spanish or English.
 */
@Component({
  selector: 'app-board-report',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    PreciseDatePipe,
    TimestampPipe,
    ProgressMeter,
    LoadingState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  templateUrl: './board-report.html',
  styles: `
    .board-report .report-tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 16px;
    }
    .board-report .spacer {
      flex: 1 1 auto;
    }
    .board-report article {
      max-width: 820px;
    }
    .board-report .session-title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .board-report header p {
      margin: 4px 0;
    }
    .board-report .report-action {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding: 8px 0;
      break-inside: avoid;
    }
    .board-report .report-action h3 {
      margin: 8px 0 4px;
    }
    .board-report h4 {
      font: var(--mat-sys-title-small);
      margin: 8px 0 4px;
    }
    .board-report .progress {
      max-width: 420px;
      margin: 8px 0;
    }
    .board-report .tag {
      font: var(--mat-sys-label-small);
      text-transform: uppercase;
      color: var(--mat-sys-on-surface-variant);
    }
    .board-report .tag.new {
      color: var(--mat-sys-primary);
    }
    .board-report .agreements {
      list-style: none;
      padding: 0;
    }
    .board-report .agreements li {
      border-top: 1px solid var(--mat-sys-outline-variant);
      padding: 6px 0;
      break-inside: avoid;
    }
    .board-report .agreements p {
      margin: 2px 0;
    }
    .board-report .code {
      font-family: 'Roboto Mono', monospace;
    }
    @media print {
      @page {
        size: A4;
        margin: 18mm 16mm;
      }
      body:has(.board-report) .mat-toolbar,
      body:has(.board-report) .mat-sidenav,
      body:has(.board-report) .skip-link,
      .board-report .no-print {
        display: none !important;
      }
      body:has(.board-report) .mat-sidenav-content {
        margin-left: 0 !important;
      }
      body:has(.board-report) .mat-sidenav-container,
      body:has(.board-report) .mat-sidenav-content {
        overflow: visible !important;
        height: auto !important;
      }
      .board-report {
        padding: 0;
        max-width: none;
        color: #000;
      }
      .board-report a {
        color: inherit;
        text-decoration: none;
      }
      .board-report h2 {
        break-after: avoid;
      }
    }
  `,
})
export class BoardReportPage {
  private readonly api = inject(BoardApi);
  private readonly document = inject(DOCUMENT);
  private readonly lang = apiLanguage(inject(LOCALE_ID));

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly report = signal<BoardReport | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly today = todayIso();
  protected readonly sections: Section[] = ['milestones', 'funding', 'results', 'stages'];
  protected readonly sectionLabels: Record<Section, string> = {
    milestones: $localize`:@@report.milestones:Hitos`,
    funding: $localize`:@@report.funding:Financiamiento`,
    results: $localize`:@@report.results:Resultados`,
    stages: $localize`:@@report.stages:Etapas de avance`,
  };
  protected readonly label = computed(() => {
    const r = this.report();
    return r ? sessionLabel(r.session as Parameters<typeof sessionLabel>[0]) : '';
  });

  constructor() {
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  load(): void {
    this.error.set(null);
    this.report.set(null);
    this.api.report(this.id(), this.lang).subscribe({
      next: (r) => this.report.set(r),
      error: (e: unknown) => this.error.set(toApiError(e)),
    });
  }

  protected pdf(lang: 'es' | 'en'): string {
    return reportPdfUrl(this.id(), lang);
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected statusLabel(status: string): string {
    return labelOf(AGREEMENT_STATUS_LABELS, status);
  }

  protected overdue(g: {
    status: BoardReport['agreements'][number]['status'];
    dueDate: string | null;
  }) {
    return isOverdue(g, this.today);
  }

  protected hasChanges(a: BoardReport['actions'][number]): boolean {
    return (
      a.deleted.length > 0 ||
      this.sections.some((s) => a[s].new.length > 0 || a[s].updated.length > 0)
    );
  }
}
