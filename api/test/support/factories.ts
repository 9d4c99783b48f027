import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/access.decorator';
import { insertUser, TEST_PASSWORD, type TestApp } from './test-app';

/**
 * The factories every suite builds its data with: a signed-in client per role, an organisation,
 * an action. Each makes a fresh, uniquely named row, so suites sharing the run's database never
 * collide.
 */

export interface SignedInAgent {
  agent: TestAgent;
  user: { id: string; email: string; role: Role; organisationId: string | null };
  csrf: string;
  /** Unsafe-method helpers that send the CSRF header. */
  post(url: string): ReturnType<TestAgent['post']>;
  put(url: string): ReturnType<TestAgent['put']>;
  patch(url: string): ReturnType<TestAgent['patch']>;
  delete(url: string): ReturnType<TestAgent['delete']>;
  get(url: string): ReturnType<TestAgent['get']>;
}

/**
 * Creates a user of `role` (of `organisationId`, for partners) and signs in through the API; the
 * client keeps the session cookie and sends the CSRF header on unsafe methods.
 */
export async function signedIn(
  t: TestApp,
  role: Role,
  { organisationId = null }: { organisationId?: string | null } = {},
): Promise<SignedInAgent> {
  const { id, email } = await insertUser(t.db, role, organisationId);
  const agent = request.agent(t.app.getHttpServer());
  const res = await agent.post('/api/v1/auth/sign-in').send({ email, password: TEST_PASSWORD });
  if (res.status !== 200)
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrf: string = res.body.csrfToken;
  return {
    agent,
    csrf,
    user: { id, email, role, organisationId },
    post: (url) => agent.post(url).set('X-XSRF-TOKEN', csrf),
    put: (url) => agent.put(url).set('X-XSRF-TOKEN', csrf),
    patch: (url) => agent.patch(url).set('X-XSRF-TOKEN', csrf),
    delete: (url) => agent.delete(url).set('X-XSRF-TOKEN', csrf),
    get: (url) => agent.get(url),
  };
}

/** Inserts an organisation straight into the database and returns its id. */
export async function newOrganisation(
  db: DataSource,
  values: Partial<{ name: string; acronym: string; type: string; country: string }> = {},
): Promise<string> {
  const slug = `org-${randomUUID()}`;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO organisations (slug, name, acronym, type, country) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      slug,
      values.name ?? `Organisation ${slug.slice(4, 12)}`,
      values.acronym ?? null,
      values.type ?? 'multilateral',
      values.country ?? null,
    ],
  );
  return rows[0].id;
}

/** A unique action code: `<prefix>-` and eight hex digits. */
export const uniqueCode = (prefix = 'T') => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The action as POST /api/v1/actions answers it (the fields the suites read without a cast). */
export type CreatedAction = { id: string; code: string; version: number } & Record<string, unknown>;

/**
 * Creates an action through the API as `client` (a cooperation project received by the
 * institute, with a unique code, unless `overrides` say otherwise) and returns its detail.
 * Fails the test unless the API answers 201.
 */
export async function newAction(
  client: SignedInAgent,
  overrides: Record<string, unknown> = {},
): Promise<CreatedAction> {
  const res = await client.post('/api/v1/actions').send({
    code: uniqueCode(),
    kind: 'cooperation_project',
    titleEs: 'Acción de prueba',
    instituteRole: 'recipient',
    ...overrides,
  });
  if (res.status !== 201)
    throw new Error(`creating an action answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as CreatedAction;
}
