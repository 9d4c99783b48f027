import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
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

/** Counts rows of a table, to prove that rejected requests change nothing. */
export async function countRows(db: DataSource, table: string): Promise<number> {
  const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
  return rows[0].n;
}
