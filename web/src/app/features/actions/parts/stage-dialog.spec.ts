import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { ActionStage } from '../../../core/api/models';
import { todayIso } from '../../../shared/forms';
import { CONFLICT_MESSAGE } from '../../../shared/versioned-form';
import { StageDialog, StageDialogData } from './stage-dialog';

const stage: ActionStage = {
  id: 's1',
  actionId: 'a1',
  stage: 'planning',
  reachedOn: '2023-03-01',
  evidenceUrl: null,
  evidenceDate: null,
  notes: 'Acta de planeación',
  version: 1,
  createdAt: '2023-03-01T17:00:00.000Z',
  updatedAt: '2023-03-01T17:00:00.000Z',
};

function open(data: StageDialogData) {
  const close = vi.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(StageDialog);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  return { dialog: fixture.componentInstance, fixture, http, close };
}

describe('stage dialog', () => {
  it('refuses a date after today before sending anything', () => {
    const { dialog, http, close } = open({ actionId: 'a1', stage: 'planning' });
    dialog.form.controls.reachedOn.setValue(todayIso(new Date(Date.now() + 36 * 3600 * 1000)));
    void dialog.submit();
    http.expectNone('/api/v1/actions/a1/stages');
    expect(dialog.form.controls.reachedOn.errors).toEqual({ future: true });
    expect(close).not.toHaveBeenCalled();
  });

  it('refuses an evidence dated after today before sending anything; the picker stops at today', async () => {
    const { dialog, http, fixture, close } = open({ actionId: 'a1', stage: 'planning' });
    const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
      '[data-testid="stage-evidence-date"]',
    );
    expect(input?.max).toBe(todayIso());
    dialog.form.controls.evidenceDate.setValue(todayIso(new Date(Date.now() + 36 * 3600 * 1000)));
    await dialog.submit();
    http.expectNone('/api/v1/actions/a1/stages');
    expect(dialog.form.controls.evidenceDate.errors).toEqual({ future: true });
    expect(close).not.toHaveBeenCalled();
    dialog.form.controls.evidenceDate.setValue(todayIso());
    const saving = dialog.submit();
    const req = http.expectOne('/api/v1/actions/a1/stages');
    expect(req.request.body).toMatchObject({ evidenceDate: todayIso() });
    req.flush({ ...stage, evidenceDate: todayIso() });
    await saving;
    expect(close).toHaveBeenCalled();
  });

  it('records the stage of the row it was opened from', async () => {
    const { dialog, http, close } = open({ actionId: 'a1', stage: 'budgeting' });
    expect(dialog.form.controls.stage.value).toBe('budgeting');
    dialog.form.controls.reachedOn.setValue('2024-05-02');
    dialog.form.controls.evidenceUrl.setValue(' https://implan.gob.mx/presupuesto.pdf ');
    const saving = dialog.submit();
    const req = http.expectOne('/api/v1/actions/a1/stages');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      stage: 'budgeting',
      reachedOn: '2024-05-02',
      evidenceUrl: 'https://implan.gob.mx/presupuesto.pdf',
      evidenceDate: null,
      notes: null,
    });
    req.flush({ ...stage, id: 's2', stage: 'budgeting' });
    await saving;
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ id: 's2' }));
  });
});

describe('stage dialog: refusals and conflicts', () => {
  it('refuses an evidence link that is not an address, without a request', async () => {
    const { dialog, http } = open({ actionId: 'a1', stage: 'planning' });
    dialog.form.controls.evidenceUrl.setValue('acta de cabildo');
    await dialog.submit();
    http.expectNone('/api/v1/actions/a1/stages');
    expect(dialog.form.controls.evidenceUrl.errors).toEqual({ url: true });
  });

  it('says why when the stage is already recorded (409 STAGE_EXISTS)', async () => {
    const { dialog, http, fixture, close } = open({ actionId: 'a1', stage: 'planning' });
    const saving = dialog.submit();
    http.expectOne('/api/v1/actions/a1/stages').flush(
      {
        statusCode: 409,
        code: 'STAGE_EXISTS',
        message: 'La acción ya tiene registrada esa etapa.',
        details: [],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await saving;
    fixture.detectChanges();
    expect(close).not.toHaveBeenCalled();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'La acción ya tiene registrada esa etapa.',
    );
  });

  it('on a version conflict loads the saved stage, then patches with its version', async () => {
    const { dialog, http, fixture } = open({ actionId: 'a1', part: stage });
    dialog.form.controls.reachedOn.setValue('2023-03-02');
    const saving = dialog.submit();
    const current = { ...stage, notes: 'Acta firmada', version: 3 };
    const req = http.expectOne('/api/v1/actions/a1/stages/s1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ reachedOn: '2023-03-02', version: 1 });
    req.flush(
      { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Conflicto.', details: { current } },
      { status: 409, statusText: 'Conflict' },
    );
    await saving;
    fixture.detectChanges();
    expect(dialog.form.controls.notes.value).toBe('Acta firmada');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(CONFLICT_MESSAGE);
    dialog.form.controls.reachedOn.setValue('2023-03-02');
    const again = dialog.submit();
    const retry = http.expectOne('/api/v1/actions/a1/stages/s1');
    expect(retry.request.body).toEqual({ reachedOn: '2023-03-02', version: 3 });
    retry.flush({ ...current, reachedOn: '2023-03-02', version: 4 });
    await again;
  });
});
