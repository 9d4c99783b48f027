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
  template: `
    <div class="page board-report">
      <div class="report-tools no-print">
        <a mat-button [routerLink]="['/junta', id()]">
          <mat-icon aria-hidden="true">arrow_back</mat-icon>
          <span i18n="@@report.back">Sesión</span>
        </a>
        <span class="spacer"></span>
        <button mat-stroked-button type="button" (click)="print()" data-testid="print-report">
          <mat-icon aria-hidden="true">print</mat-icon>
          <span i18n="@@report.print">Imprimir</span>
        </button>
        <a mat-flat-button [href]="pdf('es')" download data-testid="report-pdf-es" hreflang="es">
          <mat-icon aria-hidden="true">picture_as_pdf</mat-icon>
          <span i18n="@@report.pdfEs">PDF en español</span>
        </a>
        <a mat-flat-button [href]="pdf('en')" download data-testid="report-pdf-en" hreflang="en">
          <mat-icon aria-hidden="true">picture_as_pdf</mat-icon>
          <span i18n="@@report.pdfEn">PDF en inglés</span>
        </a>
      </div>

      @if (error(); as err) {
        <app-error-state
          [message]="err.message"
          [retryable]="err.status !== 404"
          (retry)="load()"
        />
      } @else if (report(); as r) {
        <article data-testid="board-report">
          <header>
            <p class="muted">{{ r.session.institute }} · {{ label() }}</p>
            <h1 i18n="@@report.title">Informe de seguimiento de la Junta Directiva</h1>
            <p class="session-title" data-testid="report-session">{{ r.session.title }}</p>
            <p>
              <span i18n="@@report.heldOn">Celebrada el</span> {{ r.session.heldOn | preciseDate }}
            </p>
            <p class="muted">
              @if (r.previous; as p) {
                <ng-container i18n="@@report.since">Cambios desde la sesión anterior:</ng-container>
                {{ p.title }} ({{ p.heldOn | preciseDate }}).
              } @else {
                <ng-container i18n="@@report.first"
                  >Primera sesión registrada: se listan todos los cambios hasta esta
                  fecha.</ng-container
                >
              }
            </p>
          </header>

          <section aria-labelledby="report-actions">
            <h2 id="report-actions" i18n="@@report.actions">Acciones en el orden del día</h2>
            @for (a of r.actions; track a.id) {
              <div class="report-action" data-testid="report-action">
                <h3>
                  <a [routerLink]="['/acciones', a.id]">{{ a.code }}</a> — {{ a.title }}
                </h3>
                <p class="muted">
                  <span i18n="@@report.items">Punto del orden del día:</span>
                  {{ a.agendaPositions.join(', ') }}
                </p>
                @if (a.progress; as p) {
                  <div class="progress"><app-progress-meter [progress]="p" [bar]="true" /></div>
                }
                @for (s of sections; track s) {
                  @if (a[s].new.length || a[s].updated.length) {
                    <h4>{{ sectionLabels[s] }}</h4>
                    <ul>
                      @for (c of a[s].new; track c.entityId) {
                        <li>
                          <span class="tag new" i18n="@@report.new">nuevo</span> {{ c.summary }}
                          <span class="muted">({{ c.at | timestamp }})</span>
                        </li>
                      }
                      @for (c of a[s].updated; track c.entityId) {
                        <li>
                          <span class="tag" i18n="@@report.updated">actualizado</span>
                          {{ c.summary }}
                          <span class="muted">({{ c.at | timestamp }})</span>
                        </li>
                      }
                    </ul>
                  }
                }
                @if (a.deleted.length) {
                  <h4 i18n="@@report.deleted">Eliminados</h4>
                  <ul>
                    @for (c of a.deleted; track $index) {
                      <li>
                        {{ c.summary }} <span class="muted">({{ c.at | timestamp }})</span>
                      </li>
                    }
                  </ul>
                }
                @if (!hasChanges(a)) {
                  <p i18n="@@report.noChanges">Sin cambios en el periodo.</p>
                }
                <p class="muted" i18n="@@report.auditEntries">
                  {{ a.auditEntries }} cambios registrados en la bitácora.
                </p>
              </div>
            } @empty {
              <p i18n="@@report.noActions">
                Ningún punto del orden del día se refiere a acciones registradas.
              </p>
            }
          </section>

          <section aria-labelledby="report-agreements">
            <h2 id="report-agreements" i18n="@@report.agreements">Acuerdos de esta sesión</h2>
            <ng-container
              *ngTemplateOutlet="agreementList; context: { $implicit: r.agreements, id: 'session' }"
            />
          </section>
          <section aria-labelledby="report-open">
            <h2 id="report-open" i18n="@@report.open">Acuerdos pendientes</h2>
            <ng-container
              *ngTemplateOutlet="
                agreementList;
                context: { $implicit: r.openAgreements, id: 'open' }
              "
            />
          </section>
        </article>
      } @else {
        <app-loading-state />
      }
    </div>

    <ng-template #agreementList let-list let-id="id">
      @if (list.length) {
        <ul class="agreements" [attr.data-testid]="'report-agreements-' + id">
          @for (g of list; track g.id) {
            <li>
              <p>
                <strong class="code">{{ g.code }}</strong> — {{ statusLabel(g.status) }}
                @if (overdue(g)) {
                  <span class="badge-late" i18n="@@agreement.overdue">Vencido</span>
                }
              </p>
              <p>{{ g.text }}</p>
              @if (g.responsible) {
                <p class="muted">
                  <span i18n="@@agreement.responsible">Responsable</span>: {{ g.responsible }}
                </p>
              }
              @if (g.dueDate) {
                <p class="muted">
                  <span i18n="@@agreement.dueDate">Fecha compromiso</span>:
                  {{ g.dueDate | preciseDate }}
                </p>
              }
              @if (g.latestNote; as n) {
                <p class="muted">
                  <span i18n="@@agreements.latest">Último seguimiento</span> ({{
                    n.notedOn | preciseDate
                  }}):
                  {{ n.text }}
                </p>
              }
            </li>
          }
        </ul>
      } @else {
        <p i18n="@@report.none">Sin registros.</p>
      }
    </ng-template>
  `,
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
