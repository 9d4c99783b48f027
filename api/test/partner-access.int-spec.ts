import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * For random pairs (partner user, action) over a random portfolio: a partner reads, finds, exports
 * and gets project sheets of exactly the actions their organisation takes part in — never another
 * organisation's — cannot create share links, and never receives internal notes.
 */
describe('partner scoping holds for random partner/action pairs (fast-check)', () => {
  const ORGS = 4;
  const ACTIONS = 12;
  const run = randomUUID().slice(0, 6).toUpperCase();
  const secret = `INTERNO-${randomUUID()}`;
  let t: TestApp;
  let staff: SignedInAgent;
  const partners: SignedInAgent[] = [];
  const actions: { id: string; code: string; members: Set<number> }[] = [];
  let archived = -1;

  /** Every action named anywhere in `text` (by id or code) is one the partner `p` may see. */
  const expectOnlyOwnActions = (p: number, text: string) => {
    const named = actions.filter((a) => text.includes(a.id) || text.includes(a.code));
    expect(named.filter((a) => !a.members.has(p)).map((a) => a.code)).toEqual([]);
  };

  beforeAll(async () => {
    // Exports are rate-limited per user; this test exports far more often than a person would.
    t = await bootTestApp({ exportsPerMinute: 10_000 });
    staff = await signedIn(t, 'staff');
    const orgs: string[] = [];
    for (let i = 0; i < ORGS; i++) {
      orgs.push(await newOrganisation(t.db, { name: `Socio ${run} ${i}`, type: 'multilateral' }));
      partners.push(await signedIn(t, 'partner', { organisationId: orgs[i] }));
    }
    // A random portfolio, reproducible: which organisations take part in each action (maybe none).
    const memberships = fc.sample(fc.subarray([...Array(ORGS).keys()]), {
      numRuns: ACTIONS,
      seed: 20261123,
    });
    // Each action names a few others (any organisation's) as related.
    const related = fc.sample(fc.subarray([...Array(ACTIONS).keys()], { maxLength: 4 }), {
      numRuns: ACTIONS,
      seed: 20261206,
    });
    for (let i = 0; i < ACTIONS; i++) {
      const code = `PA-${run}-${String(i).padStart(2, '0')}`;
      const res = await newAction(staff, {
        code,
        kind: 'cooperation_project',
        titleEs: `Acción ${code}`,
        instituteRole: 'recipient',
        notes: `${secret} acción`,
        participations: memberships[i].map((o) => ({
          organisationId: orgs[o],
          role: 'funding',
          notes: `${secret} participación`,
        })),
        milestones: [
          {
            type: 'agreement_signed',
            title: 'Firma',
            plannedDate: '2024-03-01',
            notes: `${secret} hito`,
          },
        ],
        results: [
          {
            statement: 'Resultado',
            indicators: [{ name: 'Indicador', notes: `${secret} indicador` }],
          },
        ],
      });
      actions.push({ id: res.id, code, members: new Set(memberships[i]) });
    }
    for (let i = 0; i < ACTIONS; i++) {
      const relatedActionIds = related[i].filter((r) => r !== i).map((r) => actions[r].id);
      await staff
        .patch(`/api/v1/actions/${actions[i].id}`)
        .set('If-Match', '"1"')
        .send({ relatedActionIds })
        .expect(200);
    }
    // One action of each kind of membership is archived: nobody's partner sees it any more.
    archived = actions.findIndex((a, i) => i > 0 && a.members.size > 0);
    await staff
      .post(`/api/v1/actions/${actions[archived].id}/archive`)
      .send({ version: 2 })
      .expect(200);
    actions[archived].members = new Set();
    // The draw covers both cases for every partner.
    for (let p = 0; p < ORGS; p++) {
      expect(actions.some((a) => a.members.has(p))).toBe(true);
      expect(actions.some((a) => !a.members.has(p))).toBe(true);
    }
  });
  afterAll(() => t.close());

  it('a partner sees, finds and exports an action exactly when their organisation takes part', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(ORGS - 1), fc.nat(ACTIONS - 1), async (p, a) => {
        const partner = partners[p];
        const action = actions[a];
        const member = action.members.has(p);
        const seen: string[] = [];

        const detail = await partner.get(`/api/v1/actions/${action.id}`);
        seen.push(detail.text);
        expect(detail.status).toBe(member ? 200 : 404);
        if (!member) expect(detail.body.code).toBe('ACTION_NOT_FOUND');

        const list = await partner.get(`/api/v1/actions?q=${action.code}`).expect(200);
        seen.push(list.text);
        const codes = (list.body.items as { code: string }[]).map((i) => i.code);
        expect(codes.includes(action.code)).toBe(member);

        for (const table of ['actions', 'participations', 'milestones', 'indicators']) {
          const csv = await partner
            .get(`/api/v1/exports/${table}.csv?q=${action.code}`)
            .expect(200);
          seen.push(csv.text);
          expect(csv.text.includes(action.code)).toBe(member);
        }

        const sheet = await partner
          .get(`/api/v1/actions/${action.id}/export/sheet.pdf`)
          .buffer(true)
          .parse(binary);
        expect(sheet.status).toBe(member ? 200 : 404);

        // Partners never create share links, for their actions or others'.
        const link = await partner.post(`/api/v1/actions/${action.id}/share-links`).send({});
        expect(link.status).toBe(403);

        for (const body of seen) {
          expect(body).not.toContain(secret);
          expectOnlyOwnActions(p, body);
        }
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it('each partner’s whole list is exactly their organisation’s actions', async () => {
    for (let p = 0; p < ORGS; p++) {
      const list = await partners[p].get(`/api/v1/actions?q=PA-${run}&pageSize=100`).expect(200);
      const codes = (list.body.items as { code: string }[]).map((i) => i.code).sort();
      expect(codes).toEqual(
        actions
          .filter((a) => a.members.has(p))
          .map((a) => a.code)
          .sort(),
      );
      expect(list.text).not.toContain(secret);
      // Every partner-visible answer that names actions names only the partner's own.
      const seen = [list.text];
      for (const a of actions.filter((x) => x.members.has(p)))
        seen.push((await partners[p].get(`/api/v1/actions/${a.id}`).expect(200)).text);
      for (const table of [
        'actions',
        'participations',
        'funding',
        'milestones',
        'results',
        'indicators',
      ])
        seen.push((await partners[p].get(`/api/v1/exports/${table}.csv`).expect(200)).text);
      seen.push(
        (await partners[p].get('/api/v1/dashboard/milestones?window=366').expect(200)).text,
      );
      for (const body of seen) {
        expect(body).not.toContain(secret);
        expectOnlyOwnActions(p, body);
      }
    }
  });
});
