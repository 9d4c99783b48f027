import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';

const TABLES = [
  'actions',
  'organisations',
  'participations',
  'funding',
  'milestones',
  'results',
  'indicators',
  'legal_instruments',
  'document_links',
  'users',
  'audit_log',
];

/** Strings that have broken services before: injections, unicode edge cases, huge input. */
const hostileString = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE actions; --",
    "' OR '1'='1",
    '<script>alert(1)</script>',
    '{{7*7}}',
    '${jndi:ldap://x}',
    '\u0000',
    '\uD800',
    '\u202Eevil',
    '🇲🇽💸',
    'NaN',
    '-0',
    '1e309',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    '2023-02-30',
    '9999999999999999999.999',
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** Bodies: random objects, and valid-looking ones with one field replaced by something hostile. */
const body = (fields: string[]) =>
  fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...fields), hostileString), hostileValue, {
      maxKeys: 8,
    }),
    fc
      .record({ field: fc.constantFrom(...fields), value: hostileValue })
      .map(({ field, value }) => ({ [field]: value })),
    hostileValue,
  );

function expectStandardError(
  res: { status: number; body: Record<string, unknown> },
  context: string,
) {
  if (res.status >= 500)
    throw new Error(`${context} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  if (res.status >= 400) {
    expect(res.body).toEqual(
      expect.objectContaining({
        statusCode: res.status,
        code: expect.any(String),
        message: expect.any(String),
      }),
    );
  }
}

describe('hostile input never breaks the API nor changes data', () => {
  let t: TestApp;
  let ownDb: TestDatabase;
  let staff: SignedInAgent;
  let admin: SignedInAgent;
  let actionId: string;
  let runs = 0;
  beforeAll(async () => {
    // A database of its own: row counts prove that rejected requests write nothing, which
    // other test files writing in parallel would blur.
    ownDb = await createTestDatabase('coopera_test_counts');
    t = await bootTestApp({ databaseUrl: ownDb.url });
    staff = await signedIn(t, 'staff');
    admin = await signedIn(t, 'admin');
    const org = await newOrganisation(t.db);
    const created = await newAction(staff, {
      code: `FUZZ-${randomUUID().slice(0, 8)}`,
      kind: 'award',
      titleEs: 'Blanco del fuzzing',
      instituteRole: 'recipient',
      participations: [{ organisationId: org, role: 'funding' }],
    });
    actionId = created.id;
  });
  afterAll(async () => {
    process.stdout.write(`hostile requests sent: ${runs}\n`);
    await t.close();
    await ownDb.drop();
  });

  const counts = async () => Promise.all(TABLES.map((tb) => countRows(t.db, tb)));

  const writes: [string, 'post' | 'patch', () => string, string[]][] = [
    [
      'create action',
      'post',
      () => '/api/v1/actions',
      [
        'code',
        'kind',
        'titleEs',
        'instituteRole',
        'sdgs',
        'funding',
        'participations',
        'milestones',
        'plannedStart',
        'plannedEnd',
      ],
    ],
    [
      'update action',
      'patch',
      () => `/api/v1/actions/${actionId}`,
      ['version', 'titleEs', 'sdgs', 'status', 'themes', 'actualEnd'],
    ],
    [
      'add funding',
      'post',
      () => `/api/v1/actions/${actionId}/funding`,
      ['type', 'amount', 'currency', 'valueDate', 'providerId'],
    ],
    [
      'add milestone',
      'post',
      () => `/api/v1/actions/${actionId}/milestones`,
      ['type', 'title', 'plannedDate', 'actualDate'],
    ],
    [
      'add participation',
      'post',
      () => `/api/v1/actions/${actionId}/participations`,
      ['organisationId', 'role', 'notes'],
    ],
    [
      'create organisation',
      'post',
      () => '/api/v1/organisations',
      ['name', 'type', 'country', 'website', 'iatiRef'],
    ],
    [
      'create user',
      'post',
      () => '/api/v1/users',
      ['email', 'name', 'role', 'organisationId', 'password'],
    ],
    ['sign in', 'post', () => '/api/v1/auth/sign-in', ['email', 'password']],
  ];

  it.each(writes)(
    '%s: every rejection is a 4xx in the standard shape and writes nothing',
    async (name, method, url, fields) => {
      await fc.assert(
        fc.asyncProperty(body(fields), async (payload) => {
          runs++;
          const agent = name === 'create user' ? admin : staff;
          const before = await counts();
          const res = await agent[method](url())
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(payload) ?? 'null');
          expectStandardError(res, `${name} ${JSON.stringify(payload).slice(0, 200)}`);
          if (res.status >= 400) expect(await counts()).toEqual(before);
        }),
        { numRuns: 120 },
      );
    },
  );

  it('list query strings: never 5xx, rejections in the standard shape', async () => {
    const keys = [
      'q',
      'kind',
      'status',
      'partner',
      'role',
      'theme',
      'municipality',
      'sdg',
      'modality',
      'yearFrom',
      'yearTo',
      'page',
      'pageSize',
      'sort',
      'archived',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...keys),
          fc.oneof(
            hostileString.filter((v) => v.length < 1000),
            fc.integer().map(String),
          ),
          {
            maxKeys: 5,
          },
        ),
        async (query) => {
          runs++;
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          for (const path of ['/api/v1/actions', '/api/v1/organisations']) {
            const res = await staff.get(`${path}?${qs}`);
            expectStandardError(res, `${path}?${qs.slice(0, 200)}`);
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it('refuses a lone surrogate or a NUL in any field with a 400 naming it; real emoji pass', async () => {
    const before = await counts();
    // Validators threw on "\ud800" (encodeURI) and pg would store it as U+FFFD.
    const surrogate = await admin
      .post('/api/v1/users')
      .set('Content-Type', 'application/json')
      .send('{"email":"enlace\\ud800@coopera.demo","name":"Enlace","role":"staff"}')
      .expect(400);
    expect(surrogate.body.details).toEqual([
      expect.objectContaining({ field: 'body.email', code: 'wellFormedText' }),
    ]);
    const low = await staff
      .post('/api/v1/organisations')
      .set('Content-Type', 'application/json')
      .send('{"name":"Casa \\udc00","type":"other"}')
      .expect(400);
    expect(low.body.details[0]).toMatchObject({ field: 'body.name', code: 'wellFormedText' });
    const nul = await staff
      .post('/api/v1/organisations')
      .send({ name: 'Casa\u0000', type: 'other' })
      .expect(400);
    expect(nul.body.details[0]).toMatchObject({ field: 'body.name', code: 'noNulCharacter' });
    expect(await counts()).toEqual(before);
    const name = `Colectivo 🌳🇲🇽 ${Date.now()}`;
    const org = await staff.post('/api/v1/organisations').send({ name, type: 'other' }).expect(201);
    expect(org.body.name).toBe(name);
  });

  it('raw hostile bodies (broken JSON, prototype pollution, wrong content types) get 4xx', async () => {
    const raws: [string, string][] = [
      ['application/json', '{"__proto__": {"admin": true}, "code": "X"}'],
      ['application/json', '{"constructor": {"prototype": {"x": 1}}}'],
      ['application/json', '{"a":'],
      ['application/json', '[]'],
      ['application/json', '"string"'],
      ['text/plain', 'hello'],
      ['application/xml', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'],
    ];
    const before = await counts();
    for (const [type, raw] of raws) {
      runs++;
      const res = await staff.post('/api/v1/actions').set('Content-Type', type).send(raw);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectStandardError(res, `${type} ${raw}`);
    }
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});

describe('concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ dbPoolSize: 20 });
  });
  afterAll(() => t.close());

  it('50 concurrent updates of one action with the same version: exactly one wins, one audit entry', async () => {
    const staff = await signedIn(t, 'staff');
    const created = await newAction(staff, {
      code: `CONC-${randomUUID().slice(0, 8)}`,
      kind: 'award',
      titleEs: 'Carrera',
      instituteRole: 'recipient',
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        staff.patch(`/api/v1/actions/${created.id}`).send({ version: 1, titleEs: `Versión ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.find((r) => r.status === 200)!;
    const row = await t.db.query(`SELECT title_es, version FROM actions WHERE id = $1`, [
      created.id,
    ]);
    expect(row[0]).toEqual({ title_es: winner.body.titleEs, version: 2 });
    const audits = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND operation = 'update'`,
      [created.id],
    );
    expect(audits[0].n).toBe(1);
  });

  it('40 concurrent funding inserts: the dashboard totals stay exact to the cent', async () => {
    const staff = await signedIn(t, 'staff');
    const code = `FUND-${randomUUID().slice(0, 8)}`;
    const created = await newAction(staff, {
      code,
      kind: 'cooperation_project',
      titleEs: 'Fondos',
      instituteRole: 'recipient',
    });
    const amounts = fc.sample(fc.integer({ min: 1, max: 99_999_999_99 }), { numRuns: 40, seed: 7 });
    const currency = (i: number) => (i % 2 === 0 ? 'MXN' : 'EUR');
    const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
    const responses = await Promise.all(
      amounts.map((n, i) =>
        staff.post(`/api/v1/actions/${created.id}/funding`).send({
          type: 'commitment',
          amount: cents(n),
          currency: currency(i),
          valueDate: '2024-05-01',
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(amounts.map(() => 201));
    const expected = (cur: string) =>
      cents(amounts.filter((_, i) => currency(i) === cur).reduce((a, b) => a + b, 0));
    const summary = await staff.get(`/api/v1/dashboard/summary?q=${code}`).expect(200);
    const committed = summary.body.money.committed;
    expect(committed.records).toBe(40);
    expect(
      committed.byCurrency.map((c: { currency: string; amount: string }) => [c.currency, c.amount]),
    ).toEqual([
      ['EUR', expected('EUR')],
      ['MXN', expected('MXN')],
    ]);
  });
});
