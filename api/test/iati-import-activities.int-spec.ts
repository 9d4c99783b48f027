import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readIati } from '../src/imports/iati-import';
import { applyPlan, planImport } from '../src/imports/import-engine';
import { validateIati } from './fixtures/iati/iati-validation';
import { binary } from './support/binary';
import { iatiImportApp, IatiImportApp } from './support/iati-import-app';
import type { TestApp } from './support/test-app';
import type { SignedInAgent } from './support/factories';

/** The IATI schema's own "should pass" activity files (shared/iati, beside the repository). */
const SHOULD_PASS = join(__dirname, '../../../shared/iati/schema-tests/should-pass');
const SHARED_SHOULD_PASS = '/work/shared/iati/schema-tests/should-pass';
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)],
  );

/**
 * IATI activity files written for one behaviour each: per-activity atomicity, organisations
 * matched by ref or name, document links, and the schema's own valid files.
 */
describe('IATI import, activity by activity', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let importXml: IatiImportApp['importXml'];
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, staff, importXml, close } = await iatiImportApp('coopera_test_iati_activities'));
  });
  afterAll(() => close());

  it('per activity: a plan says what each activity gets; atomicity=activity leaves out the ones with errors and applies the rest', async () => {
    const activity = (id: string, amount: string) => `<iati-activity default-currency="EUR">
      <iati-identifier>${id}</iati-identifier>
      <reporting-org ref="XM-ATOM" type="10"><narrative>Atom</narrative></reporting-org>
      <title><narrative xml:lang="es">Actividad ${id}</narrative></title>
      <description><narrative xml:lang="es">Descripción</narrative></description>
      <participating-org role="4"><narrative>Ejecutor</narrative></participating-org>
      <activity-status code="2"/>
      <activity-date type="1" iso-date="2024-01-01"/>
      <transaction><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/>
        <value value-date="2024-02-01">${amount}</value></transaction>
    </iati-activity>`;
    const xml = `<iati-activities version="2.03">${activity('XM-ATOM-1', '1,000')}${activity('XM-ATOM-2', '2000')}</iati-activities>`;
    const input = readIati('two.xml', Buffer.from(xml), '2026-01-01');
    const whole = await t.db.transaction('REPEATABLE READ', (m) => planImport(m, input));
    expect(whole.issues).toEqual([
      expect.objectContaining({
        code: 'invalid_amount',
        location: { file: 'two.xml', path: 'iati-activity[1]/transaction[1]/value' },
      }),
    ]);
    expect(whole.activities).toEqual([
      expect.objectContaining({ path: 'iati-activity[1]', code: 'XM-ATOM-1', errors: 1 }),
      {
        path: 'iati-activity[2]',
        code: 'XM-ATOM-2',
        errors: 0,
        skipped: false,
        counts: { create: 4, update: 0, unchanged: 0, delete: 0 },
      },
    ]);
    const actor = { id: staff.user.id, email: staff.user.email, requestId: null };
    const plan = await t.db.transaction(async (m) => {
      const p = await planImport(m, input, { atomicity: 'activity' });
      if (!p.issues.length) await applyPlan(m, p, actor);
      return p;
    });
    expect(plan.issues).toEqual([]);
    expect(plan.skipped).toEqual(whole.issues);
    expect(plan.activities.map((a) => [a.path, a.skipped])).toEqual([
      ['iati-activity[1]', true],
      ['iati-activity[2]', false],
    ]);
    const codes = await t.db.query(
      `SELECT code FROM actions WHERE code LIKE 'XM-ATOM-%' ORDER BY code`,
    );
    expect(codes).toEqual([{ code: 'XM-ATOM-2' }]);
    // Through the API: the dry run lists each activity; atomicity=activity applies the good one.
    const again = xml.replace(/XM-ATOM-/g, 'XM-ATOM-API-');
    const dry = await importXml(again, true, 'two.xml');
    expect(dry.body.activities).toEqual([
      expect.objectContaining({ path: 'iati-activity[1]', errors: 1 }),
      expect.objectContaining({ path: 'iati-activity[2]', errors: 0 }),
    ]);
    const res = await staff
      .post('/api/v1/imports/iati?dryRun=false&atomicity=activity')
      .attach('file', Buffer.from(again), 'two.xml')
      .expect(200);
    expect(res.body.applied).toBe(true);
    expect(res.body.skipped).toEqual([
      expect.objectContaining({
        location: { file: 'two.xml', path: 'iati-activity[1]/transaction[1]/value' },
      }),
    ]);
    const apiCodes = await t.db.query(`SELECT code FROM actions WHERE code LIKE 'XM-ATOM-API-%'`);
    expect(apiCodes).toEqual([{ code: 'XM-ATOM-API-2' }]);
    // The whole file (the default) refuses it all.
    await staff
      .post('/api/v1/imports/iati?dryRun=false')
      .attach('file', Buffer.from(xml.replace(/XM-ATOM-/g, 'XM-ATOM-FILE-')), 'two.xml')
      .expect(400);
  });

  it('matches organisations by ref, and by name without case or accents only among those without one', async () => {
    const ids = await t.db.query(
      `INSERT INTO organisations (slug, name, type, iati_ref) VALUES
         ('sec-movilidad-rt', 'Secretaría de Movilidad Urbana', 'other', NULL),
         ('ministerio-a-rt', 'Ministerio de Hacienda', 'other', 'XM-MIN-A')
       RETURNING id`,
    );
    const org = (ref: string, name: string, role: string) =>
      `<participating-org${ref ? ` ref="${ref}"` : ''} role="${role}"><narrative>${name}</narrative></participating-org>`;
    const xml = `<iati-activities version="2.03"><iati-activity>
      <iati-identifier>XM-ORGS-1</iati-identifier>
      <reporting-org ref="0" type="10"><narrative>SECRETARIA DE MOVILIDAD URBANA</narrative></reporting-org>
      <title><narrative xml:lang="es">Organizaciones</narrative></title>
      <description><narrative xml:lang="es">Prueba</narrative></description>
      ${org('N/A', 'secretaria de movilidad urbana', '4')}
      ${org('XM-MIN-B', 'Ministerio de Hacienda', '1')}
      ${org('XM-MIN-A', 'Otro nombre del ministerio A', '2')}
      <activity-status code="2"/><activity-date type="1" iso-date="2024-01-01"/>
    </iati-activity></iati-activities>`;
    await importXml(xml, false, 'orgs.xml');
    const rows = await t.db.query(
      `SELECT p.role, o.id, o.name, o.iati_ref FROM participations p JOIN organisations o ON o.id = p.organisation_id
         JOIN actions a ON a.id = p.action_id WHERE a.code = 'XM-ORGS-1' ORDER BY p.role`,
    );
    expect(rows).toEqual([
      // Same ref: the same organisation, whatever the name.
      expect.objectContaining({ role: 'accountable', id: ids[1].id }),
      // Another ref with the same name: another organisation.
      expect.objectContaining({
        role: 'funding',
        iati_ref: 'XM-MIN-B',
        name: 'Ministerio de Hacienda',
      }),
      // Placeholder refs ("N/A", "0") are no refs: the ref-less one, case and accents aside.
      expect.objectContaining({ role: 'implementing', id: ids[0].id }),
      expect.objectContaining({ role: 'reporting', id: ids[0].id }),
    ]);
    expect(rows[1].id).not.toBe(ids[1].id);
  });

  it("document links become the action's documents and transaction descriptions keep their languages; both go back out as published", async () => {
    const doc = (url: string, title: string) =>
      `<document-link format="application/pdf" url="${url}"><title><narrative>${title}</narrative></title><category code="A02"/><language code="en"/><document-date iso-date="2021-03-01"/></document-link>`;
    const activity = (docs: string) => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="EUR">
<iati-identifier>XM-TEST-DOCS-1</iati-identifier>
<reporting-org ref="XM-TEST-DOCS" type="10"><narrative>Docs Agency</narrative></reporting-org>
<title><narrative>Documented project</narrative></title>
<description><narrative>About the project</narrative></description>
<participating-org ref="XM-TEST-DOCS" role="1" type="10"><narrative>Docs Agency</narrative></participating-org>
<activity-status code="2"/>
<activity-date type="1" iso-date="2021-01-01"/>
<recipient-country code="DE" percentage="100"/>
<sector vocabulary="1" code="21020"/>
<transaction><transaction-type code="3"/><transaction-date iso-date="2021-02-01"/><value value-date="2021-02-01">100</value>
 <description><narrative>First tranche</narrative><narrative xml:lang="de">Erste Tranche</narrative></description></transaction>
${docs}
</iati-activity></iati-activities>`;
    const both = activity(
      doc('https://example.org/plan.pdf', 'Project plan') +
        doc('https://example.org/review.pdf', 'Mid-term review'),
    );
    expect((await validateIati(both)).errors).toEqual([]);
    const first = await importXml(both, false, 'docs.xml');
    expect(first.body.byTable.document_links).toMatchObject({ create: 2 });
    const [{ id }] = await t.db.query(`SELECT id FROM actions WHERE code = 'XM-TEST-DOCS-1'`);
    const detail = await staff.get(`/api/v1/actions/${id}`).expect(200);
    expect(
      detail.body.documents.map((d: { title: string; url: string }) => [d.title, d.url]),
    ).toEqual([
      ['[en] Project plan', 'https://example.org/plan.pdf'],
      ['[en] Mid-term review', 'https://example.org/review.pdf'],
    ]);
    expect(detail.body.funding.map((f: { description: string }) => f.description)).toEqual([
      '[en] First tranche',
    ]);
    const xml = (
      (
        await staff
          .get(`/api/v1/actions/${id}/export/iati.xml`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer
    ).toString('utf8');
    expect((await validateIati(xml)).errors).toEqual([]);
    expect(xml).toMatch(
      /<narrative xml:lang="en">First tranche<\/narrative>\s*<narrative xml:lang="de">Erste Tranche<\/narrative>/,
    );
    expect(xml.match(/<document-link [^>]*>/g)).toEqual([
      '<document-link url="https://example.org/plan.pdf" format="application/pdf">',
      '<document-link url="https://example.org/review.pdf" format="application/pdf">',
    ]);
    expect(xml).toContain('<category code="A02"/>');
    expect(xml).toContain('<document-date iso-date="2021-03-01"/>');
    // Again: unchanged. Republished without the review: it goes, a link added by hand stays.
    expect((await importXml(both, true, 'docs.xml')).body.counts).toMatchObject({
      create: 0,
      update: 0,
      delete: 0,
    });
    await staff
      .post(`/api/v1/actions/${id}/documents`)
      .send({ title: 'Minuta', url: 'https://example.org/minuta.pdf' })
      .expect(201);
    const fewer = await importXml(
      activity(doc('https://example.org/plan.pdf', 'Project plan')),
      false,
      'docs.xml',
    );
    expect(fewer.body.byTable.document_links).toMatchObject({ delete: 1, unchanged: 1 });
    const left: { title: string }[] = await t.db.query(
      `SELECT title FROM document_links WHERE action_id = $1`,
      [id],
    );
    expect(left.map((d) => d.title).sort()).toEqual(['Minuta', '[en] Project plan'].sort());
  });

  it('every valid activity file of the schema tests imports without error', async () => {
    const dir = [SHOULD_PASS, SHARED_SHOULD_PASS].find((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    });
    if (!dir) throw new Error(`No schema tests at ${SHOULD_PASS}`);
    const files = filesUnder(dir).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(50);
    const failures: Record<string, unknown> = {};
    for (const file of files) {
      const res = await staff
        .post('/api/v1/imports/iati?dryRun=false')
        .attach('file', readFileSync(file), 'test.xml');
      if (res.status !== 200 || res.body.errors.length || !res.body.applied)
        failures[relative(dir, file)] = res.status === 200 ? res.body.errors.slice(0, 3) : res.body;
    }
    expect(failures).toEqual({});
  });
});
