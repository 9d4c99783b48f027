import { createHash, randomUUID } from 'node:crypto';
import { binary } from './binary';
import { multipartBody, Part } from './evidence-files';
import { newOrganisation, signedIn, SignedInAgent } from './factories';
import { bootTestApp, TestApp } from './test-app';
import { createTestDatabase } from './test-database';

/** EVIDENCE_MAX_BYTES of the evidence suites' app. */
export const MAX = 2 * 1024 * 1024;
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface EvidenceFixture {
  t: TestApp;
  /** Closes the app and drops its database. */
  close(): Promise<void>;
  staff: SignedInAgent;
  admin: SignedInAgent;
  director: SignedInAgent;
  /** A partner of the organisation that funds the action. */
  partner: SignedInAgent;
  otherPartner: SignedInAgent;
  actionId: string;
  milestoneId: string;
  resultId: string;
}

/**
 * Boots the app on a database of its own (the suites count every stored file to prove that a
 * refused upload stores nothing, which suites uploading in parallel would blur), signs in every
 * role and creates an action with a milestone and a result.
 */
export async function evidenceFixture(): Promise<EvidenceFixture> {
  const db = await createTestDatabase('coopera_test_evidence');
  const t = await bootTestApp({ databaseUrl: db.url, evidenceMaxBytes: MAX });
  const org = await newOrganisation(t.db, { name: 'GIZ de prueba' });
  const otherOrg = await newOrganisation(t.db, { name: 'Otra agencia' });
  const staff = await signedIn(t, 'staff');
  const admin = await signedIn(t, 'admin');
  const director = await signedIn(t, 'director');
  const partner = await signedIn(t, 'partner', { organisationId: org });
  const otherPartner = await signedIn(t, 'partner', { organisationId: otherOrg });
  const action = await staff
    .post('/api/v1/actions')
    .send({
      code: `EV-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción con evidencias',
      instituteRole: 'recipient',
      participations: [{ organisationId: org, role: 'funding' }],
      milestones: [{ type: 'workshop', title: 'Taller de arranque', actualDate: '2019-06-12' }],
      results: [{ statement: 'Seis estudios técnicos financiados' }],
    })
    .expect(201);
  return {
    t,
    close: async () => {
      await t.close();
      await db.drop();
    },
    staff,
    admin,
    director,
    partner,
    otherPartner,
    actionId: action.body.id,
    milestoneId: action.body.milestones[0].id,
    resultId: action.body.results[0].id,
  };
}

/** A multipart upload of `parts` to `path`. */
export const upload = (agent: SignedInAgent, path: string, parts: Part[]) => {
  const { body, contentType } = multipartBody(parts);
  return agent.post(path).set('content-type', contentType).send(body);
};

export const download = (agent: SignedInAgent, id: string) =>
  agent.get(`/api/v1/evidence/${id}/download`).buffer(true).parse(binary);

/** Stored files, contents and evidence audit entries. */
export async function evidenceCounts(t: TestApp) {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*)::int FROM evidence_files) AS files,
            (SELECT count(*)::int FROM evidence_contents) AS contents,
            (SELECT count(*)::int FROM audit_log WHERE entity = 'evidence') AS audits`,
  );
  return row as { files: number; contents: number; audits: number };
}

/** Runs a request that must be refused and proves that nothing was stored. */
export async function refusedBy(
  t: TestApp,
  send: () => Promise<{ status: number; body: Record<string, unknown> }>,
) {
  const before = await evidenceCounts(t);
  const res = await send();
  expect(await evidenceCounts(t)).toEqual(before);
  return res;
}
