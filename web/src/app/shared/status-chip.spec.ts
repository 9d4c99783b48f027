import { TestBed } from '@angular/core/testing';
import { AgreementStatusChip } from '../features/board/agreement-status';
import { StatusChip } from './status-chip';

function pill(component: typeof StatusChip | typeof AgreementStatusChip, status: string | null) {
  const fixture = TestBed.createComponent<StatusChip | AgreementStatusChip>(component);
  fixture.componentRef.setInput('status', status);
  fixture.detectChanges();
  const span = (fixture.nativeElement as HTMLElement).querySelector('span');
  return { text: span?.textContent?.trim(), classes: span?.className };
}

describe('status pills', () => {
  it('colour an action status by its meaning and say «Sin dato» without one', () => {
    expect(pill(StatusChip, 'implementation')).toEqual({
      text: 'En ejecución',
      classes: 'pill pill-primary',
    });
    expect(pill(StatusChip, 'suspended').classes).toBe('pill pill-error');
    expect(pill(StatusChip, null)).toEqual({ text: 'Sin dato', classes: 'pill pill-missing' });
  });

  it('use the same pills for agreements', () => {
    expect(pill(AgreementStatusChip, 'open').classes).toBe('pill pill-tertiary');
    expect(pill(AgreementStatusChip, 'done').classes).toBe('pill pill-secondary');
    expect(pill(AgreementStatusChip, 'cancelled').classes).toBe('pill pill-neutral');
  });
});
