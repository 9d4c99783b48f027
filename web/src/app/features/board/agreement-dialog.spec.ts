import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { Agreement } from '../../core/api/models';
import { AgreementDialog, AgreementDialogData } from './agreement-dialog';

const agreement: Agreement = {
  id: 'g1',
  instituteId: 'i1',
  sessionId: 's1',
  sessionTitle: 'Décima Segunda Sesión Ordinaria 2023',
  sessionHeldOn: '2023-12-14',
  code: 'JD-XII-1',
  text: 'Entregar el informe de evaluación del PMD 2040.',
  responsible: null,
  dueDate: null,
  status: 'open',
  version: 2,
  createdAt: '2023-12-14T18:00:00.000Z',
  updatedAt: '2024-01-18T18:00:00.000Z',
  latestNote: null,
};

function open(data: AgreementDialogData) {
  const close = vi.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MAT_DIALOG_DATA, useValue: data },
      { provide: MatDialogRef, useValue: { close } },
    ],
  });
  const fixture = TestBed.createComponent(AgreementDialog);
  fixture.detectChanges();
  return { dialog: fixture.componentInstance, http: TestBed.inject(HttpTestingController), close };
}

describe('agreement dialog', () => {
  it('records an agreement in the session with the suggested code', async () => {
    const { dialog, http, close } = open({ sessionId: 's1', suggestedCode: 'JD-XII-2' });
    expect(dialog.form.controls.code.value).toBe('JD-XII-2');
    dialog.form.controls.text.setValue('  Presentar el cierre de IURC.  ');
    dialog.form.controls.dueDate.setValue('2024-01-31');
    const saving = dialog.submit();
    const req = http.expectOne('/api/v1/board-sessions/s1/agreements');
    expect(req.request.body).toEqual({
      code: 'JD-XII-2',
      text: 'Presentar el cierre de IURC.',
      responsible: null,
      dueDate: '2024-01-31',
      status: 'open',
    });
    req.flush({ ...agreement, id: 'g2', code: 'JD-XII-2' });
    await saving;
    expect(close).toHaveBeenCalledWith(expect.objectContaining({ id: 'g2' }));
  });

  it('edits with the version read and puts a duplicate code error where it can be read', async () => {
    const { dialog, http, close } = open({
      sessionId: 's1',
      suggestedCode: 'JD-XII-2',
      item: agreement,
    });
    dialog.form.controls.status.setValue('in_progress');
    const saving = dialog.submit();
    const req = http.expectOne('/api/v1/board-agreements/g1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ status: 'in_progress', version: 2 });
    req.flush(
      {
        statusCode: 409,
        code: 'BOARD_AGREEMENT_EXISTS',
        message: 'Ya existe un acuerdo con esa clave.',
        details: [],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await saving;
    expect(close).not.toHaveBeenCalled();
    expect(dialog['saving'].error()).toBe('Ya existe un acuerdo con esa clave.');
  });
});
