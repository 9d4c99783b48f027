import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { DEFAULT_FILTERS } from './action-filters';
import { FilterSelect } from './filter-select';

async function open(field: unknown, filters = DEFAULT_FILTERS) {
  TestBed.configureTestingModule({
    providers: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
  });
  const fixture = TestBed.createComponent(FilterSelect);
  fixture.componentRef.setInput('field', field);
  fixture.componentRef.setInput('filters', filters);
  fixture.detectChanges();
  const changes: unknown[] = [];
  fixture.componentInstance.changed.subscribe((c) => changes.push(c));
  const el = fixture.nativeElement as HTMLElement;
  el.querySelector<HTMLElement>('mat-select')?.click();
  fixture.detectChanges();
  await fixture.whenStable();
  const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
  return { el, options, changes };
}

describe('filter select', () => {
  it('labels the field, lists the goals and sets the SDG filter as numbers', async () => {
    const { el, options, changes } = await open(
      {
        key: 'sdg',
        label: 'ODS',
        testId: 'filter-sdg',
        options: [
          { value: 11, label: '11 · Ciudades y comunidades sostenibles' },
          { value: 13, label: '13 · Acción por el clima' },
        ],
      },
      { ...DEFAULT_FILTERS, sdg: [11] },
    );
    expect(el.querySelector('mat-label')?.textContent?.trim()).toBe('ODS');
    expect(el.querySelector('mat-select')?.getAttribute('data-testid')).toBe('filter-sdg');
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      '11 · Ciudades y comunidades sostenibles',
      '13 · Acción por el clima',
    ]);
    options[1].click();
    expect(changes).toEqual([{ sdg: [11, 13] }]);
  });

  it('sets a coded filter by its key', async () => {
    const { options, changes } = await open({
      key: 'partnerType',
      label: 'Tipo de socio',
      testId: 'filter-partner-type',
      options: [{ value: 'multilateral', label: 'Multilateral' }],
    });
    options[0].click();
    expect(changes).toEqual([{ partnerType: ['multilateral'] }]);
  });
});
