import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import type { Theme } from '../../core/api/models';
import { ThemePicker } from './theme-picker';
import { filterThemes, labelOfCode, matchTheme } from './themes.model';

const THEMES: Theme[] = [
  {
    code: 'cambio-climatico',
    labelEs: 'Cambio climático',
    labelEn: 'Climate change',
    version: 1,
    actionCount: 4,
  },
  { code: 'genero', labelEs: 'Género', labelEn: 'Gender', version: 1, actionCount: 2 },
  { code: 'movilidad', labelEs: 'Movilidad', labelEn: 'Mobility', version: 1, actionCount: 5 },
];

@Component({
  imports: [ThemePicker],
  template: `<app-theme-picker [control]="control" />`,
})
class Host {
  readonly control = new FormControl('tema-antiguo', { nonNullable: true });
}

function setUp() {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/v1/themes').flush(THEMES);
  return { fixture, host: fixture.componentInstance, el: fixture.nativeElement as HTMLElement };
}

async function typeAndEnter(fixture: ReturnType<typeof setUp>['fixture'], text: string) {
  const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
    '[data-testid="field-themes"]',
  );
  if (!input) throw new Error('the themes field is missing');
  input.value = text;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('theme picker', () => {
  it('picks the existing theme for "cambio climatico" typed in any case or accents, never a second spelling', async () => {
    const { fixture, host, el } = setUp();
    await fixture.whenStable();
    fixture.detectChanges();
    // An old code the list lacks stays, readable.
    expect(el.querySelector('[data-testid="theme-chip-tema-antiguo"]')?.textContent).toContain(
      'Tema antiguo',
    );
    await typeAndEnter(fixture, 'CAMBIO climatico');
    expect(host.control.value).toBe('tema-antiguo, cambio-climatico');
    expect(el.querySelector('[data-testid="theme-chip-cambio-climatico"]')?.textContent).toContain(
      'Cambio climático',
    );
    await typeAndEnter(fixture, 'cambio climático');
    expect(host.control.value).toBe('tema-antiguo, cambio-climatico');
    expect(host.control.dirty).toBe(true);
  });

  it('does not add text that names no theme and says so', async () => {
    const { fixture, host, el } = setUp();
    await typeAndEnter(fixture, 'Economía circular');
    expect(host.control.value).toBe('tema-antiguo');
    expect(el.querySelector('[data-testid="theme-unknown"]')?.textContent).toContain(
      '«Economía circular» no está en la lista de temas.',
    );
  });
});

describe('themes model', () => {
  it('matches codes, labels in either language and spellings; filters by every word', () => {
    expect(matchTheme(THEMES, '  Climate  CHANGE ')?.code).toBe('cambio-climatico');
    expect(matchTheme(THEMES, 'Cambio-Climatico')?.code).toBe('cambio-climatico');
    expect(matchTheme(THEMES, 'genero')?.code).toBe('genero');
    expect(matchTheme(THEMES, 'gen')).toBeNull();
    expect(filterThemes(THEMES, 'clim', 'es').map((t) => t.code)).toEqual(['cambio-climatico']);
    expect(filterThemes(THEMES, '', 'en').map((t) => t.code)).toEqual([
      'cambio-climatico',
      'genero',
      'movilidad',
    ]);
    expect(labelOfCode(THEMES, 'genero', 'en')).toBe('Gender');
    expect(labelOfCode(THEMES, 'economia-circular', 'es')).toBe('Economia circular');
  });
});
