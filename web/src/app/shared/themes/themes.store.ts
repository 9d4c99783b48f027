import { HttpClient } from '@angular/common/http';
import { inject, Injectable, LOCALE_ID, signal } from '@angular/core';
import { firstValueFrom, Observable } from 'rxjs';
import { apiLanguage } from '../../core/i18n/locale';
import type { CreateThemeRequest, UpdateThemeRequest } from '../../core/api/models';
import { labelOfCode, matchTheme, Theme } from './themes.model';

/**
 * The managed list of themes, read once per session and shared by every screen that shows or
 * picks a theme (action form and page, dashboard, filters); admins' changes reload it.
 */
@Injectable({ providedIn: 'root' })
export class ThemesStore {
  private readonly http = inject(HttpClient);
  readonly lang = apiLanguage(inject(LOCALE_ID));
  private readonly list = signal<Theme[]>([]);
  private readonly loadedState = signal(false);
  private loading: Promise<void> | null = null;
  readonly themes = this.list.asReadonly();
  readonly loaded = this.loadedState.asReadonly();

  /** Loads the list unless already loaded (or loading). Errors leave the codes readable. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.reload().catch(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async reload(): Promise<void> {
    const themes = await firstValueFrom(this.http.get<Theme[]>('/api/v1/themes'));
    this.list.set(themes);
    this.loadedState.set(true);
  }

  /** The label of a code in the app's language (a code the list lacks shown readable). */
  label(code: string): string {
    return labelOfCode(this.list(), code, this.lang);
  }

  match(text: string): Theme | null {
    return matchTheme(this.list(), text);
  }

  create(body: CreateThemeRequest): Observable<Theme> {
    return this.http.post<Theme>('/api/v1/themes', body);
  }

  update(code: string, body: UpdateThemeRequest): Observable<Theme> {
    return this.http.patch<Theme>(`/api/v1/themes/${encodeURIComponent(code)}`, body);
  }
}
