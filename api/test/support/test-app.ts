import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { Role } from '../../src/auth/access.decorator';
import { hashPassword } from '../../src/auth/password';
import { AppConfig, loadConfig } from '../../src/config/app-config';

export const TEST_PASSWORD = 'Correcta-Contraseña-2024';
let passwordHash: Promise<string> | undefined;

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env['COOPERA_TEST_DATABASE_URL'];
  if (!url)
    throw new Error('COOPERA_TEST_DATABASE_URL is not set: run through jest (global setup)');
  return url;
}

/** Boots the real application (AppModule, pipes, filters, guards) on the run's database. */
export async function bootTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test' }),
    webDist: '/nonexistent',
    logLevel: 'silent',
    logPretty: false,
    ...overrides,
  };
  const app = await createApp(config, overrides.databaseUrl ?? testDatabaseUrl());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    config,
    close: () => app.close(),
  };
}

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

/** Inserts a user straight into the database (fast) and returns its e-mail. */
export async function insertUser(
  db: DataSource,
  role: Role,
  organisationId: string | null = null,
  email = `${role}-${randomUUID()}@test.coopera`,
): Promise<{ id: string; email: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const rows: { id: string }[] = await db.query(
    `INSERT INTO users (email, name, password_hash, role, organisation_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [email, `Test ${role}`, await passwordHash, role, organisationId],
  );
  return { id: rows[0].id, email };
}

/** Creates a user of `role` and signs in through the API; the agent keeps the cookies. */
export async function signInAs(
  t: TestApp,
  role: Role,
  organisationId: string | null = null,
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

/** Counts rows of a table, to prove that rejected requests change nothing. */
export async function countRows(db: DataSource, table: string): Promise<number> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
  return rows[0].n;
}

/** Inserts an organisation and returns its id. */
export async function insertOrganisation(
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
