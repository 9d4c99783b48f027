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
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionDetail } from '../../core/api/models';
import { apiLanguage, otherLanguageUrl } from '../../core/i18n/locale';
import { PreciseDatePipe } from '../../shared/dates';
import { ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { formatSize } from '../evidence/evidence-files';
import { DocumentsTab } from '../actions/detail/documents-tab';
import { FundingTab } from '../actions/detail/funding-tab';
import { MilestonesTab } from '../actions/detail/milestones-tab';
import { PartnersTab } from '../actions/detail/partners-tab';
import { ACTION_LABELS } from '../actions/detail/part-labels';
import { ResultsTab } from '../actions/detail/results-tab';
import { ExportMenu, ExportMenuItem } from './export-menu';
import { sharedIati, sharedSheet } from './exports.api';
import { ShareLinksApi } from './share-links.api';

/**
 * /compartido/:token (and /en/compartido/:token): the partner view of one action behind a share
 * link (the action page's tabs, read-only: no ActionEditor here), for someone without an account. No sign-in, no navigation into the app; the project sheet,
 * the IATI file and the evidence files download through the link. An expired, revoked or unknown link (404) shows
 * "not available" and nothing else.
 */
@Component({
  selector: 'app-shared-action',
  imports: [
    MatButtonModule,
    MatIconModule,
    StatusChip,
    PreciseDatePipe,
    LoadingState,
    ErrorState,
    ExportMenu,
    PartnersTab,
    FundingTab,
    MilestonesTab,
    ResultsTab,
    DocumentsTab,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shared-action.html',
  // The action page's tab styles too: its read-only tabs show the parts here.
  styleUrls: ['./shared-action.scss', '../actions/detail/detail.scss'],
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

  protected readonly labels = ACTION_LABELS;

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
