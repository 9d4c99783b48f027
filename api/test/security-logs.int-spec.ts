import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent, newAction } from './support/factories';

/** Issue 17, item 11: no share-link token in the logs; our own request id, the client's apart. */
describe('access log and audit trail', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        try {
          lines.push(JSON.parse(line));
        } catch {
          // not a JSON line
        }
      }
    });
    t = await bootTestApp({ logLevel: 'info', logPretty: false, logDestination: destination });
    staff = await signedIn(t, 'staff');
  });
  afterAll(() => t.close());

  it('writes share-link tokens redacted, and keeps the client’s X-Request-Id apart from ours', async () => {
    const action = await newAction(staff, {
      code: `LOG-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción con enlace',
      instituteRole: 'recipient',
    });
    const link = await staff.post(`/api/v1/actions/${action.id}/share-links`).send({}).expect(201);
    const token: string = link.body.token;
    const view = await t.http
      .get(`${link.body.path}?lang=en`)
      .set('X-Request-Id', 'client-chosen-id-0001')
      .expect(200);
    await t.http.get(`${link.body.path}/sheet.pdf`).expect(200);
    await t.http.get(`/api/v1/shared/${token}/evidence/${randomUUID()}`).expect(404);
    await new Promise((r) => setTimeout(r, 100));

    expect(raw).not.toContain(token);
    const entry = lines.find(
      (l) =>
        (l['req'] as { clientRequestId?: string })?.clientRequestId === 'client-chosen-id-0001',
    ) as { req: { id: string; url: string } } | undefined;
    expect(entry).toBeDefined();
    expect(entry?.req.url).toBe('/api/v1/shared/[redacted]');
    // Ours is the id the response carries and the audit trail keeps.
    const ours = view.headers['x-request-id'];
    expect(ours).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry?.req.id).toBe(ours);
    const audit: { request_id: string }[] = await t.db.query(
      `SELECT request_id FROM audit_log WHERE entity = 'share_link_use' AND entity_id = $1 ORDER BY id LIMIT 1`,
      [link.body.id],
    );
    expect(audit[0].request_id).toBe(ours);
  });
});
