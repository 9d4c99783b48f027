import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { ApiError } from '../core/api/api-error';
import { ListState } from './list-state';

@Component({
  imports: [ListState],
  template: `
    <app-list-state
      [loading]="loading()"
      [error]="error()"
      [empty]="empty()"
      loadingLabel="Cargando acuerdos"
      emptyMessage="Ningún acuerdo con este filtro."
      (retry)="retries = retries + 1"
    >
      <table data-testid="the-table"></table>
    </app-list-state>
  `,
})
class Host {
  readonly loading = signal(true);
  readonly error = signal<ApiError | null>(null);
  readonly empty = signal(true);
  retries = 0;
}

describe('list state', () => {
  it('shows the progress bar, then the empty state, the error with retry, or the table', () => {
    const fixture = TestBed.createComponent(Host);
    const el = fixture.nativeElement as HTMLElement;
    const shown = () => ({
      bar: el.querySelector('mat-progress-bar')?.getAttribute('aria-label') ?? null,
      empty: el.querySelector('[data-testid="empty-state"] p')?.textContent?.trim() ?? null,
      error: !!el.querySelector('[data-testid="error-state"]'),
      table: !!el.querySelector('[data-testid="the-table"]'),
    });
    fixture.detectChanges();
    expect(shown()).toEqual({ bar: 'Cargando acuerdos', empty: null, error: false, table: true });
    fixture.componentInstance.loading.set(false);
    fixture.detectChanges();
    expect(shown()).toMatchObject({ bar: null, empty: 'Ningún acuerdo con este filtro.' });
    fixture.componentInstance.empty.set(false);
    fixture.detectChanges();
    expect(shown()).toMatchObject({ empty: null, table: true });
    fixture.componentInstance.error.set({ message: 'Sin conexión' } as ApiError);
    fixture.detectChanges();
    expect(shown()).toMatchObject({ error: true, table: false });
    el.querySelector<HTMLButtonElement>('[data-testid="retry"]')?.click();
    expect(fixture.componentInstance.retries).toBe(1);
  });
});
