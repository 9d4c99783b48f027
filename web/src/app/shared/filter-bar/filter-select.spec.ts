import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { FilterSelect } from './filter-select';

describe('filter select', () => {
  it('labels the field, lists the options and emits the values chosen', async () => {
    TestBed.configureTestingModule({
      providers: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    const fixture = TestBed.createComponent(FilterSelect);
    fixture.componentRef.setInput('label', 'ODS');
    fixture.componentRef.setInput('testId', 'filter-sdg');
    fixture.componentRef.setInput('value', [11]);
    fixture.componentRef.setInput('options', [
      { value: 11, label: '11 · Ciudades y comunidades sostenibles' },
      { value: 13, label: '13 · Acción por el clima' },
    ]);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('mat-label')?.textContent?.trim()).toBe('ODS');
    const select = el.querySelector<HTMLElement>('[data-testid="filter-sdg"]');
    const picked: (string | number)[][] = [];
    fixture.componentInstance.picked.subscribe((v) => picked.push(v));
    select?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((o) => o.textContent?.trim())).toEqual([
      '11 · Ciudades y comunidades sostenibles',
      '13 · Acción por el clima',
    ]);
    options[1].click();
    expect(picked).toEqual([[11, 13]]);
  });
});
