import { buildOpenApiDocument } from '../src/app.factory';
import { newAction, newOrganisation, signedIn, SignedInAgent } from './support/factories';
import { bootTestApp, TestApp } from './support/test-app';

/*
 * Responses are DTOs, never entities: every JSON answer of the API is declared as a DTO schema in
 * the OpenAPI document, and what the writes that used to return stored rows send carries exactly
 * the keys of that schema (no relation, provenance or trigger-kept column leaks out).
 */

type Schema = { $ref?: string; items?: Schema; properties?: Record<string, unknown> };
type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> };

/** Health answers are not part of the v1 API; files are declared by their media type. */
const UNTYPED = new Set(['get /api/health/ready']);

describe('responses are DTOs', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let schemas: Record<string, Schema>;
  let paths: Record<string, Record<string, Operation>>;

  /** The property names of the schema a route declares for `status`. */
  function declaredKeys(method: string, path: string, status: string): string[] {
    const content = paths[path][method].responses[status].content ?? {};
    const ref = content['application/json'].schema.$ref ?? '';
    return Object.keys(schemas[ref.replace('#/components/schemas/', '')].properties ?? {}).sort();
  }

  beforeAll(async () => {
    t = await bootTestApp({ answerCacheBytes: 0 });
    staff = await signedIn(t, 'staff');
    const document = buildOpenApiDocument(t.app);
    schemas = document.components?.schemas as Record<string, Schema>;
    paths = document.paths as unknown as typeof paths;
  });
  afterAll(async () => {
    await t.close();
  });

  it('declares a DTO schema for every JSON answer', () => {
    const undeclared: string[] = [];
    for (const [path, operations] of Object.entries(paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.['application/json'];
          if (!status.startsWith('2') || !json || UNTYPED.has(`${method} ${path}`)) continue;
          const ref = json.schema.$ref ?? json.schema.items?.$ref;
          if (!ref || !schemas[ref.replace('#/components/schemas/', '')])
            undeclared.push(`${method} ${path} ${status}`);
        }
    expect(undeclared).toEqual([]);
  });

  it('sends exactly the declared keys from the board and stage writes', async () => {
    const held = { kind: 'ordinary', number: 4, year: 2021, heldOn: '2021-06-10' };
    const session = await staff
      .post('/api/v1/board-sessions')
      .send({ ...held, instituteId: await newOrganisation(t.db), title: 'Sesión 4' })
      .expect(201);
    const item = await staff
      .post(`/api/v1/board-sessions/${session.body.id}/agenda-items`)
      .send({ position: 1, title: 'Pase de lista' })
      .expect(201);
    const agreement = await staff
      .post(`/api/v1/board-sessions/${session.body.id}/agreements`)
      .send({ code: 'JD-R-1', text: 'Entregar el informe.' })
      .expect(201);
    const note = await staff
      .post(`/api/v1/board-agreements/${agreement.body.id}/notes`)
      .send({ notedOn: '2020-03-20', status: 'in_progress', text: 'Borrador enviado.' })
      .expect(201);
    const action = await newAction(staff);
    const stage = await staff
      .post(`/api/v1/actions/${action.id}/stages`)
      .send({ stage: 'planning', reachedOn: '2024-01-10' })
      .expect(201);
    const template = await staff
      .post(`/api/v1/actions/${action.id}/milestones/from-template`)
      .send({ startDate: '2024-02-01' })
      .expect(201);

    const answers: [string, string, object][] = [
      ['post', '/api/v1/board-sessions', session.body],
      ['post', '/api/v1/board-sessions/{id}/agenda-items', item.body],
      ['post', '/api/v1/board-sessions/{id}/agreements', agreement.body],
      ['post', '/api/v1/board-agreements/{id}/notes', note.body],
      ['post', '/api/v1/actions/{id}/stages', stage.body],
    ];
    for (const [method, path, body] of answers)
      expect([path, Object.keys(body).sort()]).toEqual([path, declaredKeys(method, path, '201')]);
    const record = Object.keys(schemas['MilestoneRecordDto'].properties ?? {}).sort();
    expect(template.body.created.length).toBeGreaterThan(0);
    for (const created of template.body.created)
      expect(Object.keys(created).sort()).toEqual(record);
  });
});
