import { newOrganisation, signedIn, SignedInAgent, uniqueCode } from './factories';
import { bootTestApp, TestApp } from './test-app';
import { createTestDatabase } from './test-database';

export interface ActionsFixture {
  t: TestApp;
  /** Closes the app and drops its database. */
  close(): Promise<void>;
  staff: SignedInAgent;
  director: SignedInAgent;
  /** Two organisations: GIZ (a bilateral agency) and C40 (a city network). */
  giz: string;
  c40: string;
}

/**
 * The actions suites' app, on a database of its own: row counts prove that rejected requests
 * write nothing, which other test files writing in parallel would blur.
 */
export async function actionsFixture(): Promise<ActionsFixture> {
  const ownDb = await createTestDatabase('coopera_test_counts');
  const t = await bootTestApp({ databaseUrl: ownDb.url });
  const staff = await signedIn(t, 'staff');
  const director = await signedIn(t, 'director');
  const giz = await newOrganisation(t.db, {
    name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
    acronym: 'GIZ',
    type: 'bilateral_agency',
    country: 'DE',
  });
  const c40 = await newOrganisation(t.db, {
    name: 'C40 Cities',
    acronym: 'C40',
    type: 'city_network',
  });
  const close = async () => {
    await t.close();
    await ownDb.drop();
  };
  return { t, close, staff, director, giz, c40 };
}

/**
 * The body of an action with partners (`giz` funds and implements), funding, milestones (one
 * past, one overdue, one ahead) and a result, created in one request.
 */
export function actionWithParts(giz: string, overrides: Record<string, unknown> = {}) {
  return {
    code: uniqueCode(),
    kind: 'cooperation_project',
    titleEs: 'Árbol IoT: el internet de los árboles',
    summaryEs: 'Plataforma ciudadana para el arbolado urbano.',
    instituteRole: 'recipient',
    status: 'implementation',
    modality: 'technical',
    themes: ['arbolado-urbano'],
    municipalities: ['Zapopan'],
    sdgs: [11, 13],
    actualStart: '2017-09-01',
    participations: [
      { organisationId: giz, role: 'funding' },
      { organisationId: giz, role: 'implementing' },
    ],
    funding: [
      {
        type: 'ceiling',
        amount: '16187025.00',
        currency: 'MXN',
        valueDate: '2019-01-14',
        providerId: giz,
      },
    ],
    milestones: [
      {
        type: 'pilot',
        title: 'Primer piloto en Lomas de Polanco',
        actualDate: '2018-09-01',
        datePrecision: 'month',
      },
      { type: 'closure', title: 'Taller de cierre', plannedDate: '2001-01-01' },
      { type: 'workshop', title: 'Taller futuro', plannedDate: '2099-06-01' },
    ],
    results: [
      {
        statement: 'Árboles validados',
        indicators: [{ name: 'Árboles validados', unit: 'árboles', actual: '1000' }],
      },
    ],
    ...overrides,
  };
}
