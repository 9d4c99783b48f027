import fc from 'fast-check';
import {
  ActionBundle,
  buildActivity,
  iatiHeader,
  IATI_FOOTER,
  IatiContext,
  unpublishableReasons,
} from '../src/exports/iati-activity';
import { checkIatiActivity, errorsOnly } from '../src/exports/iati-rules';
import { serialize } from '../src/exports/iati-xml';
import { validateIati } from './fixtures/iati/iati-validation';
import { TestApp } from './support/test-app';
import { exportPortfolio } from './support/export-portfolio';
import type { SignedInAgent } from './support/factories';
import { newAction } from './support/factories';

describe('exports: IATI activity files', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let director: SignedInAgent;
  let ownCode: string;
  let ownId: string;
  let run: string;

  beforeAll(async () => {
    ({ t, staff, director, ownCode, ownId, run } = await exportPortfolio());
  });
  afterAll(() => t.close());

  describe('IATI', () => {
    it('exports one action that validates against the 2.03 schema, with the mapping documented in code', async () => {
      const res = await director.get(`/api/v1/actions/${ownId}/export/iati.xml`).expect(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${ownCode}-iati.xml"`);
      const xml = res.text;
      const validation = await validateIati(xml);
      expect(validation.errors).toEqual([]);
      expect(xml).toContain(
        `<iati-identifier>${t.config.iatiReportingOrgRef}-${ownCode}</iati-identifier>`,
      );
      expect(xml).toMatch(
        /<iati-activity last-updated-datetime="[^"]+" xml:lang="es" default-currency="MXN">/,
      );
      expect(xml).toContain('<activity-status code="2"/>');
      expect(xml).toContain('<activity-date type="2" iso-date="2019-01-14"/>');
      expect(xml).toContain('<activity-date type="3" iso-date="2021-01-31"/>');
      expect(xml).toContain('<tag vocabulary="2" code="11"/>');
      expect(xml).toContain('<sector vocabulary="99" code="movilidad" percentage="33.34">');
      expect(xml).toContain('<transaction-type code="2"/>');
      expect(xml).toContain('<value currency="EUR" value-date="2019-02-01">1000000.50</value>');
      expect(xml).toContain('<transaction-type code="3"/>');
      expect(xml).toContain('<transaction-type code="4"/>');
      expect(xml).toContain('currency not stated in the source; reported as a description');
      expect(xml).toContain('Premio: (moneda no indicada) 361000.00, fecha 2018-12-05.');
      expect(xml).toContain('Tope de asistencia (no es dinero recibido): MXN 16187025.00');
      expect(xml).toContain('role="1"');
      expect(xml).toContain('role="4"');
      expect(xml).toContain('Beneficiarios: Otra agencia, "la otra".');
      expect(xml).toContain('&amp;A1');
      expect(xml).toContain('<indicator measure="5">');
      expect(xml).toContain('<target value="38"/>');
      expect(xml).not.toContain('NOTA-INTERNA');
    });

    it('leaves out actions IATI cannot hold and answers 422 when nothing is left', async () => {
      const bare = await newAction(staff, {
        code: `EXP-${run}-BARE`,
        kind: 'award',
        titleEs: 'Sin fechas',
        instituteRole: 'recipient',
      });
      const res = await director.get(`/api/v1/actions/${bare.id}/export/iati.xml`).expect(422);
      expect(res.body).toMatchObject({
        code: 'IATI_NOTHING_TO_EXPORT',
        details: {
          omitted: [
            { code: `EXP-${run}-BARE`, reasons: ['no start date', 'no theme or SDG (sector)'] },
          ],
        },
      });
      const list = await director.get(`/api/v1/exports/iati.xml?q=EXP-${run}`).expect(200);
      expect(list.text).toContain(
        `Not published (IATI needs a start date and a sector): EXP-${run}-BARE`,
      );
      expect((await validateIati(list.text)).errors).toEqual([]);
    });
  });
});

describe('IATI export of random portfolios (fast-check)', () => {
  const ctx: IatiContext = {
    reportingOrgRef: 'XM-COOPERA-IMEPLAN',
    today: new Date().toISOString().slice(0, 10),
    defaultCurrency: 'MXN',
  };
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const day = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 }))
    .map(([i, c]) => `${i}.${String(c).padStart(2, '0')}`);
  const org = fc.record({
    name: fc.string({ minLength: 1, maxLength: 30 }),
    acronym: nullable(text),
    type: fc.constantFrom(
      'multilateral',
      'bilateral_agency',
      'national_government',
      'subnational_government',
      'city_network',
      'ngo_foundation',
      'academia',
      'private',
      'other',
    ),
    country: nullable(fc.constantFrom('MX', 'DE', 'EC', 'GB', 'US')),
    iatiRef: nullable(
      fc.oneof(fc.constant('XM-DAC-41121'), fc.constant('https://x.org/a?b'), text),
    ),
  });
  const ordered = (a: string | null, b: string | null): [string | null, string | null] =>
    a && b && b < a ? [b, a] : [a, b];
  const bundle: fc.Arbitrary<ActionBundle> = fc
    .record({
      id: fc.uuid(),
      code: fc.stringMatching(/^[A-Z][A-Z0-9._-]{0,20}$/),
      titleEs: fc.string({ minLength: 1, maxLength: 60 }),
      titleEn: nullable(text),
      summaryEs: nullable(fc.string({ maxLength: 200 })),
      summaryEn: nullable(text),
      objectives: nullable(text),
      status: nullable(
        fc.constantFrom(
          'pipeline',
          'implementation',
          'finalisation',
          'closed',
          'cancelled',
          'suspended',
        ),
      ),
      instituteRole: fc.constantFrom('recipient', 'provider', 'both'),
      themes: fc.array(fc.stringMatching(/^[a-z][a-z-]{0,15}$/), { maxLength: 5 }),
      sdgs: fc.uniqueArray(fc.integer({ min: 1, max: 17 }), { maxLength: 5 }),
      planned: fc.tuple(nullable(day), nullable(day)),
      actual: fc.tuple(nullable(day), nullable(day)),
      updatedAt: fc.constant('2024-01-01T00:00:00Z'),
      institute: nullable(org),
      participations: fc.array(
        fc.tuple(
          org,
          fc.constantFrom(
            'funding',
            'accountable',
            'extending',
            'implementing',
            'beneficiary',
            'counterpart',
          ),
        ),
        { maxLength: 6 },
      ),
      funding: fc.array(
        fc.record({
          id: fc.uuid(),
          type: fc.constantFrom(
            'ceiling',
            'commitment',
            'disbursement',
            'expenditure',
            'in_kind',
            'prize',
          ),
          amount: decimal,
          currency: nullable(fc.constantFrom('MXN', 'USD', 'EUR')),
          valueDate: nullable(day),
          description: nullable(text),
          provider: nullable(org),
          receiver: nullable(org),
        }),
        { maxLength: 6 },
      ),
      results: fc.array(
        fc.record({
          id: fc.uuid(),
          statement: fc.string({ maxLength: 60 }),
          indicators: fc.array(
            fc.record({
              id: fc.uuid(),
              name: fc.string({ maxLength: 30 }),
              unit: nullable(text),
              baseline: nullable(decimal),
              baselineDate: nullable(day),
              target: nullable(decimal),
              targetDate: nullable(day),
              actual: nullable(decimal),
              actualDate: nullable(day),
            }),
            { maxLength: 3 },
          ),
        }),
        { maxLength: 3 },
      ),
      documents: fc.array(
        fc.record({
          id: fc.uuid(),
          title: text,
          url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), text),
          resultId: fc.constant(null),
        }),
        { maxLength: 3 },
      ),
      instruments: fc.array(
        fc.record({
          id: fc.uuid(),
          type: fc.constantFrom('agreement', 'mou', 'letter', 'contract'),
          title: text,
          documentUrl: nullable(fc.webUrl()),
        }),
        { maxLength: 2 },
      ),
    })
    .map(({ planned, actual, participations, ...rest }) => {
      const [plannedStart, plannedEnd] = ordered(...planned);
      const [actualStart, actualEnd] = ordered(...actual);
      return {
        ...rest,
        plannedStart,
        plannedEnd,
        actualStart,
        actualEnd,
        participations: participations.map(([o, role]) => ({ ...o, role })),
      } as ActionBundle;
    });

  it('every publishable random action validates against the XSD and breaks no error rule', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bundle, { minLength: 1, maxLength: 6 }), async (bundles) => {
        const now = new Date();
        const publishable = bundles.filter((b) => !unpublishableReasons(b, ctx.today).length);
        fc.pre(publishable.length > 0);
        const activities = publishable.map((b) => buildActivity(b, ctx));
        for (const a of activities) expect(errorsOnly(checkIatiActivity(a, now))).toEqual([]);
        const xml =
          iatiHeader(now.toISOString()) +
          activities.map((a) => serialize(a, '  ')).join('') +
          IATI_FOOTER;
        const result = await validateIati(xml);
        if (!result.valid) throw new Error(`${result.errors.join('\n')}\n${xml}`);
      }),
      { numRuns: Number(process.env['IATI_RUNS'] ?? 40) },
    );
  }, 120_000);
});
