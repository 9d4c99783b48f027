import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';

interface Theme {
  code: string;
  labelEs: string;
  labelEn: string;
  version: number;
  actionCount: number;
}

describe('themes: a managed list (code, Spanish and English label)', () => {
  let t: TestApp;
  let ownDb: TestDatabase;
  let admin: SignedInAgent;
  let staff: SignedInAgent;
  let partner: SignedInAgent;
  beforeAll(async () => {
    // A database of its own: renaming a seeded theme must not change other suites' documents.
    ownDb = await createTestDatabase('coopera_test_themes');
    t = await bootTestApp({ databaseUrl: ownDb.url });
    admin = await signedIn(t, 'admin');
    staff = await signedIn(t, 'staff');
    partner = await signedIn(t, 'partner', { organisationId: await newOrganisation(t.db) });
  });
  afterAll(async () => {
    await t.close();
    await ownDb.drop();
  });

  const themes = async (who: SignedInAgent = staff) =>
    (await who.get('/api/v1/themes').expect(200)).body as Theme[];

  it("starts from the demo's slugs with their labels, readable by anyone signed in", async () => {
    const list = await themes(partner);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'cambio-climatico',
          labelEs: 'Cambio climático',
          labelEn: 'Climate change',
        }),
        expect.objectContaining({ code: 'genero', labelEs: 'Género', labelEn: 'Gender' }),
        expect.objectContaining({
          code: 'innovacion',
          labelEs: 'Innovación',
          labelEn: 'Innovation',
        }),
      ]),
    );
    // Sorted by the Spanish label as a person reads it (accents ignored).
    const labels = list.map((x) => x.labelEs);
    expect(labels.indexOf('Género')).toBeLessThan(labels.indexOf('Gobernanza metropolitana'));
    await t.http.get('/api/v1/themes').expect(401);
  });

  it('lets an admin add and rename a theme (versioned, audited); staff may not', async () => {
    const label = `Economía circular ${randomUUID().slice(0, 6)}`;
    await staff
      .post('/api/v1/themes')
      .send({ labelEs: label, labelEn: 'Circular economy' })
      .expect(403);
    const created = await admin
      .post('/api/v1/themes')
      .send({ labelEs: `  ${label} `, labelEn: 'Circular economy' })
      .expect(201);
    expect(created.body).toMatchObject({
      code: `economia-circular-${label.slice(-6)}`,
      labelEs: label,
      labelEn: 'Circular economy',
      version: 1,
      actionCount: 0,
    });
    const code = created.body.code as string;
    await staff.patch(`/api/v1/themes/${code}`).send({ version: 1, labelEs: 'No' }).expect(403);
    const renamed = await admin
      .patch(`/api/v1/themes/${code}`)
      .send({ version: 1, labelEn: 'Circular economies' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      code,
      labelEs: label,
      labelEn: 'Circular economies',
      version: 2,
    });
    const stale = await admin
      .patch(`/api/v1/themes/${code}`)
      .send({ version: 1, labelEn: 'Stale' })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await themes()).find((x) => x.code === code)?.labelEn).toBe('Circular economies');
    await admin
      .patch('/api/v1/themes/no-such-theme')
      .send({ version: 1, labelEn: 'X y' })
      .expect(404);
    const audit = await t.db.query(
      `SELECT operation, before->>'labelEn' AS before, after->>'labelEn' AS after
         FROM audit_log WHERE entity = 'theme' AND entity_id = $1 ORDER BY id`,
      [code],
    );
    expect(audit).toEqual([
      { operation: 'create', before: null, after: 'Circular economy' },
      { operation: 'update', before: 'Circular economy', after: 'Circular economies' },
    ]);
  });

  it('refuses a second spelling of an existing theme (case, accents, spacing, either language) and saves nothing', async () => {
    const before = await countRows(t.db, 'themes');
    for (const body of [
      { labelEs: 'cambio  CLIMATICO', labelEn: 'Weather' },
      { labelEs: 'Clima', labelEn: 'climate change' },
      { labelEs: 'Genero', labelEn: 'Gender equality' },
      { labelEs: 'Género y más', labelEn: 'Gender+', code: 'genero' },
    ]) {
      const res = await admin.post('/api/v1/themes').send(body).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'THEME_DUPLICATE' });
      expect(res.body.details.existing.code).toMatch(/^(cambio-climatico|genero)$/);
    }
    // Renaming a theme to another one's label is refused the same way.
    const rename = await admin
      .patch('/api/v1/themes/innovacion')
      .send({ version: 1, labelEs: 'MOVILIDAD' })
      .expect(409);
    expect(rename.body.details.existing).toMatchObject({ code: 'movilidad', labelEs: 'Movilidad' });
    const bad = await admin
      .post('/api/v1/themes')
      .send({ labelEs: '', code: 'Not A Code' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['labelEs', 'labelEn', 'code']),
    );
    expect(await countRows(t.db, 'themes')).toBe(before);
    const innovacion = (await themes()).find((x) => x.code === 'innovacion');
    expect(innovacion).toMatchObject({ labelEs: 'Innovación', version: 1 });
  });

  it('stores an action typed "cambio climático" with the existing code; unknown ones stay as typed', async () => {
    const code = `THEMES-${randomUUID().slice(0, 8)}`;
    const created = await newAction(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: 'Acción con temas escritos a mano',
      instituteRole: 'recipient',
      themes: ['CAMBIO CLIMÁTICO', 'Gender', 'genero', 'Calidad-Del-Aire', 'tema-antiguo'],
    });
    expect(created.themes).toEqual([
      'cambio-climatico',
      'genero',
      'calidad-del-aire',
      'tema-antiguo',
    ]);
    const updated = await staff
      .patch(`/api/v1/actions/${created.id}`)
      .send({ version: created.version, themes: ['innovación'] })
      .expect(200);
    expect(updated.body.themes).toEqual(['innovacion']);
    // The by-theme dashboard and the filter keep working on codes.
    const filtered = await staff.get('/api/v1/actions?theme=innovacion&pageSize=100').expect(200);
    expect(filtered.body.items.map((a: { code: string }) => a.code)).toContain(code);
  });

  it('writes the managed labels in spreadsheets (a rename shows at once), unknown codes readable', async () => {
    const code = `SHEET-${randomUUID().slice(0, 8)}`;
    const action = await newAction(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: 'Acción para la hoja',
      instituteRole: 'recipient',
      plannedStart: '2024-01-15',
      themes: ['agua', 'economia-azul'],
    });
    const agua = (await themes()).find((x) => x.code === 'agua')!;
    await admin
      .patch('/api/v1/themes/agua')
      .send({
        version: agua.version,
        labelEs: 'Agua y saneamiento',
        labelEn: 'Water and sanitation',
      })
      .expect(200);
    const es = await staff.get(`/api/v1/exports/actions.csv?id=${action.id}&lang=es`).expect(200);
    expect(es.text).toContain('Agua y saneamiento; Economia azul');
    const en = await staff.get(`/api/v1/exports/actions.csv?id=${action.id}&lang=en`).expect(200);
    expect(en.text).toContain('Water and sanitation; Economia azul');
    // The import template keeps the codes the importer reads.
    const template = await staff.get(`/api/v1/exports/actions.csv?id=${action.id}`).expect(200);
    expect(template.text).toContain('agua; economia-azul');
    // IATI keeps the code (vocabulary 99) and names the sector with the managed label.
    const iati = await staff.get(`/api/v1/actions/${action.id}/export/iati.xml`).expect(200);
    expect(iati.text).toMatch(
      /<sector vocabulary="99" code="agua"[^>]*>\s*<narrative>Agua y saneamiento<\/narrative>/,
    );
  });
});
