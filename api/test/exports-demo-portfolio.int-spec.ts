import { MILESTONE_TYPES, PARTICIPATION_ROLES } from '../src/actions/action.model';
import { labelOf } from '../src/common/vocabulary';
import { ExportsService } from '../src/exports/exports.service';
import { buildActivity, unpublishableReasons } from '../src/exports/iati-activity';
import { checkIatiActivity, errorsOnly, RuleViolation } from '../src/exports/iati-rules';
import { DemoSeeder } from '../src/seed/demo-seeder';
import { validateIati } from './fixtures/iati/iati-validation';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { binary } from './support/binary';
import { pdfText } from './support/pdf-text';
import { signedIn } from './support/factories';

describe('IATI export of the demo portfolio (database of its own)', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_iati');
    t = await bootTestApp({ databaseUrl: db.url, demoData: true });
    await t.app.get(DemoSeeder).seedIfEmpty();
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('validates against the IATI 2.03 schema and passes the ruleset (errors) for every published action', async () => {
    const director = await signedIn(t, 'director');
    const res = await director.get('/api/v1/exports/iati.xml').expect(200);
    const validation = await validateIati(res.text);
    expect(validation.errors).toEqual([]);
    const published = res.text.match(/<iati-activity /g)?.length ?? 0;
    const [{ n }]: { n: number }[] = await t.db.query('SELECT count(*)::int AS n FROM actions');
    const omitted = /Not published[^:]*: ([^>]*)-->/.exec(res.text)?.[1] ?? '';
    expect(published + (omitted ? omitted.split('), ').length : 0)).toBe(n);
    expect(published).toBeGreaterThan(n / 2);

    const service = t.app.get(ExportsService);
    const ids: { id: string }[] = await t.db.query('SELECT id FROM actions ORDER BY code');
    const now = new Date();
    const ctx = service.iatiContext(now);
    const violations: (RuleViolation & { code: string })[] = [];
    for (const bundle of await service.bundles(ids.map((r) => r.id))) {
      if (unpublishableReasons(bundle, ctx.today).length) continue;
      for (const v of checkIatiActivity(buildActivity(bundle, ctx), now))
        violations.push({ ...v, code: bundle.code });
    }
    expect(errorsOnly(violations)).toEqual([]);
    // The only warning allowed: 102.1.1 (themes are reporting-organisation sectors, no DAC code).
    expect(violations.filter((v) => v.id !== '102.1.1')).toEqual([]);
  });

  it('writes the project sheet of a demo action with labels and Mexican dates, never codes or slugs', async () => {
    const director = await signedIn(t, 'director');
    const [a]: { id: string; code: string; kind: string; status: string; modality: string }[] =
      await t.db.query(
        `SELECT a.id, a.code, a.kind, a.status, a.modality FROM actions a
         WHERE 'cambio-climatico' = ANY(a.themes) AND a.modality IS NOT NULL AND a.status IS NOT NULL
           AND EXISTS (SELECT 1 FROM milestones m WHERE m.action_id = a.id)
         ORDER BY a.code LIMIT 1`,
      );
    const sheet = async (lang: 'es' | 'en') =>
      pdfText(
        (
          await director
            .get(`/api/v1/actions/${a.id}/export/sheet.pdf?lang=${lang}`)
            .buffer(true)
            .parse(binary)
            .expect(200)
        ).body as Buffer,
      );
    const es = await sheet('es');
    expect(es).toContain('Cambio climático');
    expect(es).toContain(labelOf('kind', a.kind, 'es'));
    expect(es).toContain(labelOf('status', a.status, 'es'));
    expect(es).toContain(labelOf('modality', a.modality, 'es'));
    expect(es).toMatch(
      /\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/,
    );
    expect(es).toContain('Generado el');
    const en = await sheet('en');
    expect(en).toContain('Climate change');
    expect(en).toContain(labelOf('kind', a.kind, 'en'));
    expect(en).toMatch(/\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}/);
    const codes = [a.kind, a.status, a.modality, ...MILESTONE_TYPES, ...PARTICIPATION_ROLES];
    for (const text of [es, en]) {
      expect(text).not.toContain('cambio-climatico');
      expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      // English titles may say "pilot" or "technical"; codes with an underscore never are words.
      for (const code of text === es ? codes : codes.filter((c) => c.includes('_')))
        expect(text).not.toMatch(new RegExp(`\\b${code}\\b`));
    }
  });

  it('GIZ’s partner export holds only GIZ’s actions and validates', async () => {
    const [{ id: giz }]: { id: string }[] = await t.db.query(
      `SELECT id FROM organisations WHERE slug = 'giz'`,
    );
    const partner = await signedIn(t, 'partner', { organisationId: giz });
    const res = await partner.get('/api/v1/exports/iati.xml').expect(200);
    expect((await validateIati(res.text)).errors).toEqual([]);
    const codes: { code: string }[] = await t.db.query(
      `SELECT DISTINCT a.code FROM actions a JOIN participations p ON p.action_id = a.id WHERE p.organisation_id = $1`,
      [giz],
    );
    const prefix = `${t.config.iatiReportingOrgRef}-`;
    const exported = [...res.text.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map(
      (m) => m[1].slice(prefix.length),
    );
    expect(exported.length).toBeGreaterThan(0);
    for (const c of exported) expect(codes.map((r) => r.code)).toContain(c);
  });
});
