import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { ActionDetail } from '../../core/api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { ActionForm } from './action-form';

const action = {
  id: 'a1',
  code: 'IMEPLAN-2019-CFF',
  kind: 'cooperation_project',
  titleEs: 'Ruta eléctrica en el Sistema Integrado Peribús',
  titleEn: null,
  status: 'implementation',
  instituteRole: 'recipient',
  modality: 'technical',
  scheme: null,
  themes: ['movilidad'],
  municipalities: [],
  sdgs: [11],
  summaryEs: null,
  summaryEn: null,
  objectives: null,
  unit: null,
  planAlignment: [],
  parentProgramme: null,
  relatedActions: [],
  source: null,
  notes: null,
  institute: null,
  partners: [],
  plannedStart: null,
  plannedEnd: null,
  actualStart: null,
  actualEnd: null,
  overdueMilestones: 0,
  progress: {
    percent: 0,
    stage: null,
    labelEs: 'Sin avance',
    labelEn: 'No progress',
    colour: '#9e9e9e',
  },
  responsible: null,
  version: 4,
  updatedAt: '2024-01-01T00:00:00Z',
  archivedAt: null,
  participations: [],
  instruments: [],
  funding: [],
  milestones: [],
  results: [],
  documents: [],
} as unknown as ActionDetail;

/** The element, or a failing test when it is missing. */
function find<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`${selector} not found`);
  return found;
}

/** The API's answer when someone else saved first: 409 with the saved action. */
function answerConflict(http: HttpTestingController, current: unknown): void {
  http
    .expectOne('/api/v1/actions/a1')
    .flush(
      { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Conflicto.', details: { current } },
      { status: 409, statusText: 'Conflict' },
    );
}

async function setup() {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(ActionForm);
  fixture.componentRef.setInput('id', 'a1');
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/v1/actions/a1').flush(action);
  // The theme field reads the managed list once the form shows.
  fixture.detectChanges();
  for (const req of http.match('/api/v1/themes')) {
    req.flush([
      { code: 'movilidad', labelEs: 'Movilidad', labelEn: 'Mobility' },
      { code: 'clima', labelEs: 'Clima', labelEn: 'Climate' },
    ]);
  }
  await fixture.whenStable();
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const input = (name: string) => find<HTMLInputElement>(el, `[data-testid="field-${name}"]`);
  const type = (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
  };
  return { fixture, http, el, input, type, navigate, form: fixture.componentInstance };
}

describe('action form, edit mode', () => {
  it('fills the form with the action and sends only the changes with the version', async () => {
    const { http, input, type, form, navigate } = await setup();
    expect(input('code').value).toBe('IMEPLAN-2019-CFF');
    expect(form.hasUnsavedChanges()).toBe(false);
    type('titleEn', 'Electric route');
    expect(form.hasUnsavedChanges()).toBe(true);
    const saving = form.submit();
    const req = http.expectOne('/api/v1/actions/a1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ version: 4, titleEn: 'Electric route' });
    req.flush({ ...action, titleEn: 'Electric route', version: 5 });
    await saving;
    expect(navigate).toHaveBeenCalledWith(['/acciones', 'a1']);
    expect(form.hasUnsavedChanges()).toBe(false);
  });

  it('on a version conflict lists the differing fields and reapplies mine on the new version', async () => {
    const { http, type, form, fixture, el } = await setup();
    type('titleEn', 'Electric route');
    const saving = form.submit();
    const current = { ...action, status: 'finalisation', version: 7 };
    answerConflict(http, current);
    await saving;
    fixture.detectChanges();
    const panel = find(el, '[data-testid="conflict-panel"]');
    const fields = Array.from(panel.querySelectorAll('tbody tr')).map((r) =>
      r.getAttribute('data-field'),
    );
    expect(fields).toEqual(['titleEn', 'status']);
    const status = find(panel, '[data-field="status"]');
    expect(Array.from(status.querySelectorAll('td')).map((td) => td.textContent?.trim())).toEqual([
      'En ejecución',
      '',
      'En cierre',
    ]);

    find(el, '[data-testid="reapply-changes"]').click();
    const req = http.expectOne('/api/v1/actions/a1');
    expect(req.request.body).toEqual({ version: 7, titleEn: 'Electric route' });
    req.flush({ ...current, titleEn: 'Electric route', version: 8 });
    await fixture.whenStable();
  });

  it('names the themes in the conflict panel, not their codes', async () => {
    const { http, type, form, fixture, el } = await setup();
    type('titleEn', 'Electric route');
    const saving = form.submit();
    const current = { ...action, themes: ['movilidad', 'clima'], version: 7 };
    answerConflict(http, current);
    await saving;
    fixture.detectChanges();
    const themes = find(el, '[data-testid="conflict-panel"] [data-field="themes"]');
    expect(Array.from(themes.querySelectorAll('td')).map((td) => td.textContent?.trim())).toEqual([
      'Movilidad',
      '',
      'Movilidad, Clima',
    ]);
  });

  it('"Descartar los míos" reloads the saved version', async () => {
    const { http, type, form, fixture, el, input } = await setup();
    type('titleEn', 'Electric route');
    const saving = form.submit();
    const current = { ...action, titleEs: 'Mi Transporte Eléctrico', version: 7 };
    answerConflict(http, current);
    await saving;
    fixture.detectChanges();
    find(el, '[data-testid="discard-changes"]').click();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="conflict-panel"]')).toBeNull();
    expect(input('titleEs').value).toBe('Mi Transporte Eléctrico');
    expect(input('titleEn').value).toBe('');
    expect(form.hasUnsavedChanges()).toBe(false);
  });
});

describe('action form, new action', () => {
  async function create(user: { organisationId: string | null; organisationName: string | null }) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthStore, useValue: { user: signal({ id: 'u1', role: 'staff', ...user }) } },
      ],
    });
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ActionForm);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const http = TestBed.inject(HttpTestingController);
    const type = (name: string, value: string) => {
      const input = find<HTMLInputElement>(el, `[data-testid="field-${name}"]`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const form = fixture.componentInstance as unknown as {
      submit(): Promise<void>;
      form: { patchValue(v: object): void };
    };
    form.form.patchValue({ kind: 'cooperation_project', instituteRole: 'recipient' });
    type('code', 'NUEVA-1');
    type('titleEs', 'Acción nueva');
    return { el, http, navigate, form };
  }

  it("defaults the institute to the user's organisation and opens the action with «Qué falta»", async () => {
    const { el, http, navigate, form } = await create({
      organisationId: 'org-1',
      organisationName: 'IMEPLAN',
    });
    expect(find<HTMLInputElement>(el, '[data-testid="field-institute"]').value).toBe('IMEPLAN');
    const saving = form.submit();
    const req = http.expectOne((r) => r.method === 'POST' && r.url === '/api/v1/actions');
    expect(req.request.body).toMatchObject({ code: 'NUEVA-1', instituteId: 'org-1' });
    req.flush({ ...action, id: 'new-1' });
    await saving;
    expect(navigate).toHaveBeenCalledWith(['/acciones', 'new-1'], { queryParams: { nueva: 1 } });
  });

  it('leaves the institute empty when the user has no organisation', async () => {
    const { el, http, form } = await create({ organisationId: null, organisationName: null });
    expect(find<HTMLInputElement>(el, '[data-testid="field-institute"]').value).toBe('');
    const saving = form.submit();
    const req = http.expectOne((r) => r.method === 'POST' && r.url === '/api/v1/actions');
    expect(req.request.body.instituteId).toBeUndefined();
    req.flush({ ...action, id: 'new-2' });
    await saving;
  });
});
