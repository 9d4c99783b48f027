import { docxFile, ole2File, Part, pdfFile, pngFile, zipFile } from './support/evidence-files';
import { randomUUID } from 'node:crypto';
import { evidenceFixture, upload, refusedBy, MAX } from './support/evidence-fixture';
import type { SignedInAgent } from './support/factories';
import type { TestApp } from './support/test-app';
import { newAction } from './support/factories';

describe('evidence files: content-checked uploads refuse what they must and store nothing', () => {
  let t: TestApp;
  let close: () => Promise<void>;
  let staff: SignedInAgent;
  let actionId: string;
  let milestoneId: string;

  beforeAll(async () => {
    ({ t, close, staff, actionId, milestoneId } = await evidenceFixture());
  });
  afterAll(() => close());

  const toAction = (parts: Part[], agent = staff) =>
    upload(agent, `/api/v1/actions/${actionId}/evidence`, parts);
  const refused = (send: Parameters<typeof refusedBy>[1]) => refusedBy(t, send);

  it('refuses a file above EVIDENCE_MAX_BYTES with 413 in the standard shape and stores nothing', async () => {
    const res = await refused(() =>
      toAction([
        { name: 'pequeño.pdf', content: pdfFile('ok') },
        { name: 'enorme.pdf', content: pdfFile('grande', MAX + 10_000) },
      ]),
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      code: 'EVIDENCE_TOO_LARGE',
      details: { maxBytes: MAX },
    });
    expect(typeof res.body['message']).toBe('string');
    const many = await refused(() =>
      toAction(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, content: pdfFile() }))),
    );
    expect(many.status).toBe(413);
    expect(many.body['code']).toBe('EVIDENCE_TOO_MANY_FILES');
  });

  it.each([
    ['plain text', 'notas.txt', Buffer.from('Notas de la reunión\n'), 'text/plain'],
    [
      'an SVG image',
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
    ],
    ['a plain zip', 'fotos.zip', zipFile({ 'a.txt': 'hola' }), 'application/zip'],
    [
      'an OLE2 file that is no Office document (MSI)',
      'setup.msi',
      ole2File(['SummaryInformation']),
      'application/x-msi',
    ],
    ['an empty-looking binary', 'datos.bin', Buffer.from([0, 1, 2, 3]), 'application/octet-stream'],
  ])(
    'refuses %s (415 EVIDENCE_TYPE_NOT_ALLOWED), nothing stored',
    async (_label, name, content, type) => {
      const res = await refused(() => toAction([{ name, content, type }]));
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
    },
  );

  it.each([
    [
      'HTML named report.pdf',
      'report.pdf',
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      'application/pdf',
    ],
    [
      'an executable named report.pdf',
      'report.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
      'application/pdf',
    ],
    ['a PDF named report.html', 'report.html', pdfFile(), 'text/html'],
    ['a PDF declared as text/html', 'report.pdf', pdfFile(), 'text/html'],
    ['a PNG named foto.pdf', 'foto.pdf', pngFile(), 'application/pdf'],
    ['a PDF named acta.exe', 'acta.exe', pdfFile(), 'application/octet-stream'],
    ['a right-to-left override hiding .exe', 'acta\u202Efdp.exe', pdfFile(), 'application/pdf'],
    [
      'a macro-enabled document named .docx',
      'macro.docx',
      docxFile('x', { 'word/vbaProject.bin': 'VBA' }),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  ])(
    'refuses %s as disguised (415 EVIDENCE_TYPE_MISMATCH), nothing stored',
    async (_l, name, content, type) => {
      const res = await refused(() => toAction([{ name, content, type }]));
      expect(res.status).toBe(415);
      expect(res.body['code']).toBe('EVIDENCE_TYPE_MISMATCH');
    },
  );

  it('refuses the whole upload when one file of several is refused', async () => {
    const res = await refused(() =>
      toAction([
        { name: 'bueno.pdf', content: pdfFile() },
        { name: 'malo.pdf', content: Buffer.from('<html></html>') },
      ]),
    );
    expect(res.status).toBe(415);
  });

  it.each([
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\Windows\\system32\\config.pdf', 'config.pdf'],
    ['C:\\..\\', 'evidencia.pdf'],
    ['....', 'evidencia.pdf'],
    ['.htaccess', 'htaccess.pdf'],
    ['  .oculto.pdf  ', 'oculto.pdf'],
    ['Acta<14>:final|?*.pdf', 'Acta_14__final___.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['Acta 14.12.2023', 'Acta 14.12.2023.pdf'],
    ['tab\there\u0007.pdf', 'tabhere.pdf'],
  ])('sanitises the name %j to %j', async (name, expected) => {
    const res = await toAction([{ name, content: pdfFile() }]).expect(201);
    expect(res.body.items[0].fileName).toBe(expected);
  });

  it('cuts very long names to 150 characters keeping the extension', async () => {
    const res = await toAction([
      { name: `${'Informe ñandú '.repeat(30)}.pdf`, content: pdfFile() },
    ]).expect(201);
    const name: string = res.body.items[0].fileName;
    expect([...name].length).toBeLessThanOrEqual(150);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('Informe ñandú')).toBe(true);
  });

  it('refuses a name with a NUL character (400) and stores nothing', async () => {
    const res = await refused(() => toAction([{ name: 'acta\u0000.pdf', content: pdfFile() }]));
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe('VALIDATION_FAILED');
  });

  it('refuses non-multipart and empty uploads with clear codes', async () => {
    const json = await refused(() =>
      staff.post(`/api/v1/actions/${actionId}/evidence`).send({ file: 'x' }),
    );
    expect(json.status).toBe(415);
    expect(json.body['code']).toBe('UNSUPPORTED_MEDIA_TYPE');
    const empty = await refused(() => toAction([{ name: 'vacío.pdf', content: Buffer.alloc(0) }]));
    expect(empty.status).toBe(400);
    expect(empty.body['code']).toBe('EVIDENCE_FILE_REQUIRED');
  });

  it('answers 404 for a milestone of another action, a missing action, and 409 for an archived action', async () => {
    const other = await newAction(staff, {
      code: `EV-O-${randomUUID().slice(0, 6)}`,
      kind: 'award',
      titleEs: 'Otra',
      instituteRole: 'recipient',
    });
    const wrong = await refused(() =>
      upload(staff, `/api/v1/actions/${other.id}/milestones/${milestoneId}/evidence`, [
        { name: 'a.pdf', content: pdfFile() },
      ]),
    );
    expect(wrong.status).toBe(404);
    expect(wrong.body['code']).toBe('RECORD_NOT_FOUND');
    const missing = await refused(() =>
      upload(staff, `/api/v1/actions/${randomUUID()}/evidence`, [
        { name: 'a.pdf', content: pdfFile() },
      ]),
    );
    expect(missing.body['code']).toBe('ACTION_NOT_FOUND');
    await staff.post(`/api/v1/actions/${other.id}/archive`).send({}).expect(200);
    const archived = await refused(() =>
      upload(staff, `/api/v1/actions/${other.id}/evidence`, [
        { name: 'a.pdf', content: pdfFile() },
      ]),
    );
    expect(archived.status).toBe(409);
    expect(archived.body['code']).toBe('ACTION_ARCHIVED');
  });
});
