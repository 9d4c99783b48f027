import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { UserDialog } from './user-dialog';

function open() {
  const close = vi.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MatDialogRef, useValue: { close, disableClose: false } },
    ],
  });
  const fixture = TestBed.createComponent(UserDialog);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne((r) => r.url === '/api/v1/organisations').flush({ items: [], total: 0 });
  // `form` is protected: the test drives it like the template does.
  const dialog = fixture.componentInstance as unknown as {
    form: FormGroup<Record<string, FormControl<string>>>;
    submit(): Promise<void>;
  };
  return { dialog, http, close };
}

describe('new user dialog', () => {
  it('is not stuck after switching the role from partner to another one', async () => {
    const { dialog, http } = open();
    dialog.form.controls['email'].setValue('ana@implan.gob.mx');
    dialog.form.controls['name'].setValue('Ana');
    dialog.form.controls['role'].setValue('partner');
    await dialog.submit();
    http.expectNone('/api/v1/users');
    expect(dialog.form.controls['organisationId'].errors).toEqual({ required: true });

    dialog.form.controls['role'].setValue('director');
    expect(dialog.form.valid).toBe(true);
    void dialog.submit();
    const req = http.expectOne('/api/v1/users');
    expect(req.request.body).toEqual({
      email: 'ana@implan.gob.mx',
      name: 'Ana',
      role: 'director',
    });
  });
});
