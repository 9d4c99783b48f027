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
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionDetail } from '../../core/api/models';
import {
  FUNDING_TYPE_LABELS,
  INSTITUTE_ROLE_LABELS,
  KIND_LABELS,
  labelOf,
  MILESTONE_STATUS_LABELS,
  MILESTONE_TYPE_LABELS,
  MODALITY_LABELS,
  PARTICIPATION_ROLE_LABELS,
} from '../../core/i18n/labels';
import { apiLanguage, otherLanguageUrl } from '../../core/i18n/locale';
import { PreciseDatePipe } from '../../shared/dates';
import { MoneyPipe } from '../../shared/money';
import { ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { formatSize } from '../evidence/evidence-files';
import { groupFunding, indicatorProgress, sortMilestones } from '../actions/action-detail.model';
import { ExportMenu, ExportMenuItem } from './export-menu';
import { sharedIati, sharedSheet } from './exports.api';
import { ShareLinksApi } from './share-links.api';

/**
 * /compartido/:token (and /en/compartido/:token): the partner view of one action behind a share
 * link, for someone without an account. No sign-in, no navigation into the app; the project sheet,
 * the IATI file and the evidence files download through the link. An expired, revoked or unknown link (404) shows
 * "not available" and nothing else.
 */
@Component({
  selector: 'app-shared-action',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTableModule,
    MatProgressBarModule,
    StatusChip,
    MoneyPipe,
    PreciseDatePipe,
    LoadingState,
    ErrorState,
    ExportMenu,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shared-action.html',
  styleUrl: './shared-action.scss',
})
export class SharedAction {
  private readonly api = inject(ShareLinksApi);
  private readonly locale = inject(LOCALE_ID);
  private readonly router = inject(Router);
  private readonly pageTitle = inject(Title);
  private subscription: Subscription | null = null;

  /** Route parameter (component input binding). */
  readonly token = input.required<string>();

  protected readonly action = signal<ActionDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  /** The API answers 404 for unknown, expired and revoked links alike. */
  protected readonly unavailable = computed(() => this.error()?.status === 404);

  protected readonly title = computed(() => {
    const a = this.action();
    if (!a) return '';
    return this.locale.startsWith('en') && a.titleEn ? a.titleEn : a.titleEs;
  });
  protected readonly summary = computed(() => {
    const a = this.action();
    if (!a) return null;
    return this.locale.startsWith('en') && a.summaryEn ? a.summaryEn : a.summaryEs;
  });
  protected readonly funding = computed(() => groupFunding(this.action()?.funding ?? []));
  protected readonly milestones = computed(() => sortMilestones(this.action()?.milestones ?? []));
  protected readonly progress = indicatorProgress;
  protected readonly fundingColumns = ['amount', 'date', 'provider', 'receiver'];
  protected readonly size = (bytes: number) => formatSize(bytes, this.locale);

  protected readonly downloads = computed<ExportMenuItem[]>(() => {
    const a = this.action();
    if (!a) return [];
    const token = this.token();
    return [
      { key: 'sheet-es', icon: 'picture_as_pdf', request: sharedSheet(token, a.code, 'es') },
      { key: 'sheet-en', icon: 'picture_as_pdf', request: sharedSheet(token, a.code, 'en') },
      { key: 'iati', icon: 'code', request: sharedIati(token, a.code), groupStart: true },
    ];
  });

  protected readonly otherLanguage = computed(() => ({
    href: otherLanguageUrl(this.locale, this.router.url),
    label: apiLanguage(this.locale) === 'en' ? 'Español' : 'English',
    lang: apiLanguage(this.locale) === 'en' ? 'es' : 'en',
  }));

  protected readonly labels = {
    kind: (v: string | null) => labelOf(KIND_LABELS, v),
    instituteRole: (v: string | null) => labelOf(INSTITUTE_ROLE_LABELS, v),
    modality: (v: string | null) => labelOf(MODALITY_LABELS, v),
    participation: (v: string | null) => labelOf(PARTICIPATION_ROLE_LABELS, v),
    funding: (v: string | null) => labelOf(FUNDING_TYPE_LABELS, v),
    milestoneType: (v: string | null) => labelOf(MILESTONE_TYPE_LABELS, v),
    milestoneStatus: (v: string | null) => labelOf(MILESTONE_STATUS_LABELS, v),
  };

  constructor() {
    effect((onCleanup) => {
      const token = this.token();
      untracked(() => this.load(token));
      onCleanup(() => this.subscription?.unsubscribe());
    });
  }

  load(token = this.token()): void {
    this.subscription?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.subscription = this.api.view(token).subscribe({
      next: (action) => {
        this.action.set(action);
        this.loading.set(false);
        this.pageTitle.setTitle(`${action.code} · Coopera`);
      },
      error: (e: unknown) => {
        this.action.set(null);
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }
}
