import { TestBed } from '@angular/core/testing';
import type { MissingPart } from '../action-detail.model';
import { MissingPanel } from './missing-panel';

function setup(missing: MissingPart[]) {
  const fixture = TestBed.createComponent(MissingPanel);
  fixture.componentRef.setInput('missing', missing);
  fixture.detectChanges();
  const added: MissingPart[] = [];
  fixture.componentInstance.add.subscribe((part) => added.push(part));
  return { fixture, el: fixture.nativeElement as HTMLElement, added };
}

describe('"Qué falta" panel', () => {
  it('lists each missing part with a button that asks for its add dialog', () => {
    const { el, added } = setup(['participations', 'funding', 'milestones']);
    const items = Array.from(el.querySelectorAll('li')).map((li) =>
      li.getAttribute('data-missing'),
    );
    expect(items).toEqual(['participations', 'funding', 'milestones']);
    expect(el.textContent).toContain('Qué falta');
    el.querySelector<HTMLButtonElement>('[data-testid="missing-add-funding"]')?.click();
    el.querySelector<HTMLButtonElement>('[data-testid="missing-add-milestones"]')?.click();
    expect(added).toEqual(['funding', 'milestones']);
  });

  it('shows only what is still missing and disappears when nothing is', () => {
    const { el, fixture } = setup(['milestones']);
    expect(el.querySelector('[data-testid="missing-add-participations"]')).toBeNull();
    expect(el.querySelector('[data-testid="missing-add-milestones"]')).not.toBeNull();
    fixture.componentRef.setInput('missing', []);
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="missing-panel"]')).toBeNull();
  });
});
