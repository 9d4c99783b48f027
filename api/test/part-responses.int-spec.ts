import { randomUUID } from 'node:crypto';
import { bootTestApp, TestApp } from './support/test-app';
import { newOrganisation, signedIn, SignedInAgent } from './support/factories';

/*
 * The 14 part-write routes answer with the part as the action's detail shows it (a response DTO,
 * never the stored entity): the exact keys of the DTO, and the same values GET /actions/:id lists.
 */

const KEYS = {
  participations: [
    'id',
    'notes',
    'organisationAcronym',
    'organisationId',
    'organisationName',
    'role',
    'version',
  ],
  instruments: [
    'documentUrl',
    'id',
    'parties',
    'signedOn',
    'signedOnPrecision',
    'title',
    'type',
    'validFrom',
    'validTo',
    'version',
  ],
  funding: [
    'amount',
    'currency',
    'description',
    'id',
    'periodEnd',
    'periodStart',
    'providerId',
    'providerName',
    'receiverId',
    'receiverName',
    'type',
    'valueDate',
    'valueDatePrecision',
    'version',
  ],
  milestones: [
    'actualDate',
    'datePrecision',
    'evidenceCount',
    'id',
    'notes',
    'plannedDate',
    'status',
    'title',
    'type',
    'version',
  ],
  results: ['evidenceCount', 'id', 'indicators', 'statement', 'version'],
  indicators: [
    'actual',
    'actualDate',
    'baseline',
    'baselineDate',
    'id',
    'name',
    'notes',
    'target',
    'targetDate',
    'unit',
    'version',
  ],
  documents: ['id', 'milestoneId', 'resultId', 'title', 'url', 'version'],
} as const;
type Kind = keyof typeof KEYS;

interface Detail extends Record<Kind, { id: string; indicators?: { id: string }[] }[]> {
  id: string;
}

describe('part-write responses are DTOs', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let actionId: string;
  let resultId: string;
  let organisationId: string;

  /** The part as GET /actions/:id lists it. */
  async function listed(kind: Kind, id: string) {
    const detail: Detail = (await staff.get(`/api/v1/actions/${actionId}`).expect(200)).body;
    const parts =
      kind === 'indicators' ? detail.results.flatMap((r) => r.indicators ?? []) : detail[kind];
    return parts.find((p) => p.id === id);
  }

  const cases: { kind: Kind; create: () => object; change: object; path?: () => string }[] = [
    {
      kind: 'participations',
      create: () => ({ organisationId, role: 'funding', notes: 'Nota' }),
      change: { role: 'implementing' },
    },
    {
      kind: 'instruments',
      create: () => ({ type: 'mou', title: 'Memorando', signedOn: '2024-03-05' }),
      change: { title: 'Memorando firmado' },
    },
    {
      kind: 'funding',
      create: () => ({
        type: 'commitment',
        amount: '2500.00',
        currency: 'USD',
        valueDate: '2024-04-01',
        providerId: organisationId,
      }),
      change: { amount: '2600.00' },
    },
    {
      kind: 'milestones',
      create: () => ({ type: 'workshop', title: 'Taller', plannedDate: '2020-01-10' }),
      change: { actualDate: '2020-01-12' },
    },
    {
      kind: 'results',
      create: () => ({ statement: 'Resultado', indicators: [{ name: 'Árboles', target: '10' }] }),
      change: { statement: 'Resultado medido' },
    },
    {
      kind: 'indicators',
      create: () => ({ name: 'Personas', baseline: '0', target: '25' }),
      change: { actual: '12' },
      path: () => `results/${resultId}/indicators`,
    },
    {
      kind: 'documents',
      create: () => ({ title: 'Minuta', url: 'https://example.org/minuta.pdf' }),
      change: { title: 'Minuta firmada' },
    },
  ];

  beforeAll(async () => {
    t = await bootTestApp({ answerCacheBytes: 0 });
    staff = await signedIn(t, 'staff');
    organisationId = await newOrganisation(t.db, { acronym: 'ORG' });
    const action = await staff
      .post('/api/v1/actions')
      .send({
        code: `R-${randomUUID().slice(0, 8)}`,
        kind: 'cooperation_project',
        titleEs: 'Acción de respuestas',
        instituteRole: 'recipient',
        results: [{ statement: 'Resultado base' }],
      })
      .expect(201);
    actionId = action.body.id;
    resultId = action.body.results[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(cases)('$kind', ({ kind, create, change, path }) => {
    let created: { id: string; version: number };

    it(`POST answers the ${kind} DTO the detail lists`, async () => {
      const url = `/api/v1/actions/${actionId}/${path ? path() : kind}`;
      created = (await staff.post(url).send(create()).expect(201)).body;
      expect(Object.keys(created).sort()).toEqual(KEYS[kind]);
      expect(created).toEqual(await listed(kind, created.id));
    });

    it(`PATCH answers the ${kind} DTO the detail lists`, async () => {
      const url = `/api/v1/actions/${actionId}/${kind}/${created.id}`;
      const updated = (
        await staff
          .patch(url)
          .send({ ...change, version: created.version })
          .expect(200)
      ).body;
      expect(Object.keys(updated).sort()).toEqual(KEYS[kind]);
      expect(updated).toMatchObject({ ...change, version: created.version + 1 });
      expect(updated).toEqual(await listed(kind, created.id));
    });
  });
});
