import { signal, Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Funding, Participation } from '../../../core/api/models';
import { ActionEditor } from './action-editor';
import { FundingTab } from './funding-tab';
import { PartnersTab } from './partners-tab';

const participation = {
  id: 'p1',
  version: 3,
  organisationId: 'o1',
  organisationName: 'Agencia Alemana de Cooperación',
  organisationAcronym: 'GIZ',
  role: 'funding',
  notes: 'Contacto: oficina de Bonn',
} as unknown as Participation;

const funding = [
  {
    id: 'f1',
    version: 1,
    type: 'disbursement',
    amount: '1500.00',
    currency: 'EUR',
    valueDate: '2024-03-01',
    valueDatePrecision: 'day',
    providerName: 'GIZ',
    receiverName: null,
    description: 'Primer desembolso',
  },
  {
    id: 'f2',
    version: 1,
    type: 'disbursement',
    amount: '500.00',
    currency: 'EUR',
    valueDate: '2024-06-01',
    valueDatePrecision: 'day',
    providerName: 'GIZ',
    receiverName: null,
    description: null,
  },
] as unknown as Funding[];

/** The action page's editor, reduced to what the tabs call. */
function fakeEditor(canEdit: boolean) {
  return {
    canEdit: signal(canEdit),
    busy: signal(false),
    openPart: vi.fn(() => Promise.resolve()),
    deletePart: vi.fn(() => Promise.resolve()),
  };
}

function render<T>(
  component: Type<T>,
  inputs: Record<string, unknown>,
  editor?: ReturnType<typeof fakeEditor>,
) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      ...(editor ? [{ provide: ActionEditor, useValue: editor }] : []),
    ],
  });
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const headers = (el: HTMLElement) =>
  Array.from(el.querySelectorAll('th')).map((th) => th.textContent?.trim());

describe('action page tabs', () => {
  it('on the share page (no editor) show partners read-only: no notes, no links, no buttons', () => {
    const el = render(PartnersTab, { participations: [participation], publicView: true });
    expect(el.textContent).toContain('Agencia Alemana de Cooperación');
    expect(el.textContent).not.toContain('oficina de Bonn');
    expect(headers(el)).toEqual(['Organización', 'Papel']);
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('for a reader of the action page show the notes and link the partner, without buttons', () => {
    const el = render(PartnersTab, { participations: [participation] }, fakeEditor(false));
    expect(headers(el)).toEqual(['Organización', 'Papel', 'Notas']);
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/socios/o1');
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('on a phone show each partner as a card, every value under its column name', () => {
    const el = render(PartnersTab, { participations: [participation] }, fakeEditor(false));
    const table = el.querySelector('table');
    // styles.scss turns a table.cards-on-phone into one card per row under 600 px.
    expect(table?.classList).toContain('cards-on-phone');
    const labels = Array.from(el.querySelectorAll('td')).map((td) => td.dataset['label']);
    expect(labels).toEqual(headers(el));
  });

  it('for an editor add, edit and delete through the editor with the version read', () => {
    const editor = fakeEditor(true);
    const el = render(PartnersTab, { participations: [participation] }, editor);
    el.querySelector<HTMLButtonElement>('[data-testid="add-participation"]')?.click();
    expect(editor.openPart).toHaveBeenCalledWith('participations');
    const edit = el.querySelector<HTMLButtonElement>('[data-testid="part-edit"]');
    expect(edit?.getAttribute('aria-label')).toBe('Editar Agencia Alemana de Cooperación');
    edit?.click();
    expect(editor.openPart).toHaveBeenLastCalledWith('participations', participation, {});
    el.querySelector<HTMLButtonElement>('[data-testid="part-delete"]')?.click();
    expect(editor.deletePart).toHaveBeenCalledWith(
      'participations',
      participation,
      'Agencia Alemana de Cooperación',
    );
  });

  it('group funding by type with a total per currency; the share page leaves descriptions out', () => {
    const full = render(FundingTab, { funding }, fakeEditor(false));
    expect(full.querySelector('h2')?.textContent).toContain('Desembolsado');
    expect(full.querySelector('[data-testid="funding-total"]')?.textContent).toContain('2,000.00');
    expect(headers(full)).toContain('Descripción');
    TestBed.resetTestingModule();
    const shared = render(FundingTab, { funding, publicView: true });
    expect(headers(shared)).not.toContain('Descripción');
    expect(shared.querySelector('[data-testid="add-funding"]')).toBeNull();
  });
});
