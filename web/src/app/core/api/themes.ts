import { computed, inject, Injectable } from '@angular/core';
import { themeLabel } from '../../shared/themes/themes.model';
import { ThemesStore } from '../../shared/themes/themes.store';

/**
 * The theme options of the filter bar: the managed list (GET /api/v1/themes, read once through
 * ThemesStore), keyed by code, labels in the app's language, sorted by label. A code the list
 * lacks (old data, imports) reads from its words.
 */
@Injectable({ providedIn: 'root' })
export class ThemesSource {
  private readonly store = inject(ThemesStore);

  constructor() {
    void this.store.ensureLoaded();
  }

  /** { code, label } in the app's language, by label. */
  readonly options = computed(() =>
    this.store
      .themes()
      .map((t) => ({ code: t.code, label: themeLabel(t, this.store.lang) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  );

  /** The label of a code (a code the list does not know reads from its words). */
  label(code: string): string {
    return this.store.label(code);
  }
}
