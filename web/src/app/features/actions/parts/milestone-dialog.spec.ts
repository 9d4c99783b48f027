import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { Milestone } from '../../../core/api/models';
import { MilestoneDialog } from './milestone-dialog';
import { CONFLICT_MESSAGE } from '../../../shared/versioned-form';
import type { PartDialogData } from './part-form';

const milestone: Milestone = {
  id: 'm1',
  type: 'technical_visit',
  title: 'Visita técnica del equipo CFF',
  plannedDate: '2018-10-18',
  actualDate: null,
  datePrecision: 'day',
  status: 'planned',
  notes: null,
  version: 2,
  evidenceCount: 0,
};

function open(data: PartDialogData<Milestone>) {
  const close = vi.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(MilestoneDialog);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  return { dialog: fixture.componentInstance, fixture, http, close };
}

describe('part dialog (milestone)', () => {
  it('posts a new milestone and closes with it', async () => {
    const { dialog, http, close } = open({ actionId: 'a1' });
    dialog.form.setValue({
      type: 'workshop',
      title: 'Taller de arranque',
      plannedDate: '2019-06-10',
      actualDate: '',
      notes: '',
    });
    const saving = dialog.submit();
    const req = http.expectOne('/api/v1/actions/a1/milestones');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      type: 'workshop',
      title: 'Taller de arranque',
      plannedDate: '2019-06-10',
      actualDate: null,
      notes: null,
    });
    req.flush({ ...milestone, id: 'm2' });
    await saving;
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ id: 'm2' }));
  });

  it('uploads the chosen evidence files to the new milestone before closing', async () => {
    const { dialog, http, close } = open({ actionId: 'a1' });
    dialog.form.setValue({
      type: 'workshop',
      title: 'Taller de arranque',
      plannedDate: '',
      actualDate: '2019-06-12',
      notes: '',
    });
    const pdf = new File(['%PDF-1.4'], 'Minuta.pdf', { type: 'application/pdf' });
    (dialog as unknown as { files: { set(f: File[]): void } }).files.set([pdf]);
    const saving = dialog.submit();
    http.expectOne('/api/v1/actions/a1/milestones').flush({ ...milestone, id: 'm3' });
    await new Promise((r) => setTimeout(r));
    const upload = http.expectOne('/api/v1/actions/a1/milestones/m3/evidence');
    expect(upload.request.method).toBe('POST');
    const body = upload.request.body as FormData;
    expect((body.getAll('file')[0] as File).name).toBe('Minuta.pdf');
    expect(close).not.toHaveBeenCalled();
    upload.flush({ items: [] });
    await saving;
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ id: 'm3' }));
  });
});

describe('part dialog (milestone): checks, edits and conflicts', () => {
  it('refuses an invalid form without a request', async () => {
    const { dialog, http } = open({ actionId: 'a1' });
    dialog.form.controls.title.setValue('x');
    await dialog.submit();
    http.expectNone('/api/v1/actions/a1/milestones');
    expect(dialog.form.controls.title.touched).toBe(true);
  });

  it('patches only the changed fields with the version read', async () => {
    const { dialog, http } = open({ actionId: 'a1', part: milestone });
    dialog.form.controls.actualDate.setValue('2018-10-19');
    const saving = dialog.submit();
    const req = http.expectOne('/api/v1/actions/a1/milestones/m1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ actualDate: '2018-10-19', version: 2 });
    req.flush({ ...milestone, actualDate: '2018-10-19', version: 3 });
    await saving;
  });

  it('puts API field errors on the fields', async () => {
    const { dialog, http, close } = open({ actionId: 'a1', part: milestone });
    dialog.form.controls.title.setValue('Otro título');
    const saving = dialog.submit();
    http.expectOne('/api/v1/actions/a1/milestones/m1').flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Datos no válidos.',
        details: [{ field: 'title', code: 'maxLength', message: 'Título demasiado largo.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await saving;
    expect(dialog.form.controls.title.errors).toEqual({ server: 'Título demasiado largo.' });
    expect(close).not.toHaveBeenCalled();
  });

  it('on a version conflict loads the saved milestone and says so', async () => {
    const { dialog, http, fixture } = open({ actionId: 'a1', part: milestone });
    dialog.form.controls.notes.setValue('Mis notas');
    const saving = dialog.submit();
    const current = { ...milestone, title: 'Visita técnica (CFF)', version: 5 };
    http
      .expectOne('/api/v1/actions/a1/milestones/m1')
      .flush(
        { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Conflicto.', details: { current } },
        { status: 409, statusText: 'Conflict' },
      );
    await saving;
    fixture.detectChanges();
    expect(dialog.form.controls.title.value).toBe('Visita técnica (CFF)');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(CONFLICT_MESSAGE);
    dialog.form.controls.notes.setValue('Mis notas');
    const again = dialog.submit();
    const req = http.expectOne('/api/v1/actions/a1/milestones/m1');
    expect(req.request.body).toEqual({ notes: 'Mis notas', version: 5 });
    req.flush({ ...current, notes: 'Mis notas', version: 6 });
    await again;
  });
});
