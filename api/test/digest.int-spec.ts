import { randomUUID } from 'node:crypto';
import { humanDate } from '../src/common/human-dates';
import { DigestService } from '../src/notifications/digest.service';
import { JobsService } from '../src/jobs/jobs.service';
import { decodeMail, startSmtpServer } from './support/smtp';
import { freePort } from './support/test-database';
import { bootTestApp, countRows, insertUser, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';

const APP_URL = 'https://coopera.example.org';

/** YYYY-MM-DD of today + offset days in Mexico City. */
async function dayFn(t: TestApp): Promise<(offset: number) => string> {
  const [{ today }]: { today: string }[] = await t.db.query(
    `SELECT to_char((now() AT TIME ZONE 'America/Mexico_City')::date, 'YYYY-MM-DD') AS today`,
  );
  return (offset) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
}

/** Actions with milestones for two responsible people (and one with nothing due). */
async function seedPortfolio(t: TestApp) {
  const day = await dayFn(t);
  const staff = await signedIn(t, 'staff');
  const ana = await insertUser(t.db, 'staff', null, `ana-${randomUUID()}@test.coopera`);
  const beto = await insertUser(t.db, 'director', null, `beto-${randomUUID()}@test.coopera`);
  const carla = await insertUser(t.db, 'staff', null, `carla-${randomUUID()}@test.coopera`);
  await t.db.query(`UPDATE users SET name = 'Ana Pérez' WHERE id = $1`, [ana.id]);
  const create = async (responsibleId: string, titleEs: string, milestones: object[]) =>
    (
      await staff
        .post('/api/v1/actions')
        .send({
          code: `DG-${randomUUID().slice(0, 8)}`,
          kind: 'cooperation_project',
          instituteRole: 'recipient',
          status: 'implementation',
          titleEs,
          responsibleId,
          milestones,
        })
        .expect(201)
    ).body as { id: string; code: string };
  const pimus = await create(ana.id, 'PIMUS <AMG>', [
    { type: 'study_delivered', title: 'Entrega del diagnóstico', plannedDate: day(-10) },
    { type: 'workshop', title: 'Taller de validación', plannedDate: day(2) },
  ]);
  const arbol = await create(beto.id, 'Árbol IoT', [
    { type: 'technical_visit', title: 'Visita técnica a Zapopan', plannedDate: day(-1) },
  ]);
  await create(carla.id, 'Sin pendientes', [
    { type: 'closure', title: 'Cierre lejano', plannedDate: day(40) },
  ]);
  return { day, staff, ana, beto, carla, pimus, arbol };
}

describe('weekly digest e-mail', () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let admin: SignedInAgent;
  let data: Awaited<ReturnType<typeof seedPortfolio>>;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_digest');
    smtp = await startSmtpServer();
    t = await bootTestApp({
      databaseUrl: db.url,
      smtpUrl: smtp.url,
      mailFrom: 'Coopera <coopera@example.org>',
      appUrl: APP_URL,
    });
    admin = await signedIn(t, 'admin');
    data = await seedPortfolio(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await db.drop();
  });

  it('e-mails each responsible person their overdue and upcoming milestones, in Spanish, with links', async () => {
    const res = await admin.post('/api/v1/notifications/digest').send({}).expect(200);
    expect(res.body).toMatchObject({
      trigger: 'manual',
      status: 'completed',
      recipients: 2,
      sent: 2,
      alreadySent: 0,
      failed: 0,
    });
    expect(res.body.period).toMatch(/^\d{4}-W\d{2}$/);
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(
      [[data.ana.email], [data.beto.email]].sort(),
    );
    expect(smtp.mails.every((m) => m.from === 'coopera@example.org')).toBe(true);
    const anaMail = decodeMail(smtp.mails.find((m) => m.to[0] === data.ana.email)!.raw);
    expect(anaMail.subject).toBe(
      `Coopera · Resumen semanal ${res.body.period}: 1 hito atrasado y 1 hito próximo`,
    );
    expect(anaMail.text).toContain('Hola, Ana Pérez:');
    expect(anaMail.text).toContain('Hitos atrasados (1)');
    expect(anaMail.text).toContain(
      `Hito (Entrega de estudio): Entrega del diagnóstico — previsto el ${humanDate(data.day(-10), 'es')} (10 días de atraso)`,
    );
    expect(anaMail.text).toContain(
      `Hito (Taller): Taller de validación — previsto el ${humanDate(data.day(2), 'es')} (en 2 días)`,
    );
    expect(anaMail.text).toContain(`${APP_URL}/acciones/${data.pimus.id}`);
    expect(anaMail.text).not.toContain('Visita técnica');
    expect(anaMail.html).toContain('PIMUS &lt;AMG&gt;');
    expect(anaMail.html).toContain(`href="${APP_URL}/acciones/${data.pimus.id}"`);
    const betoMail = decodeMail(smtp.mails.find((m) => m.to[0] === data.beto.email)!.raw);
    expect(betoMail.subject).toContain(': 1 hito atrasado');
    expect(betoMail.text).toContain('Visita técnica a Zapopan — previsto el');
    expect(betoMail.text).toContain('(1 día de atraso)');
    const audit: unknown[] = await t.db.query(
      `SELECT 1 FROM audit_log WHERE entity = 'digest_run' AND entity_id = $1 AND actor_id = $2`,
      [res.body.id, admin.user.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('sends nothing more when run again in the same week, by hand or by the schedule', async () => {
    const again = await admin.post('/api/v1/notifications/digest').send({}).expect(200);
    expect(again.body).toMatchObject({ recipients: 2, sent: 0, alreadySent: 2 });
    const digest = t.app.get(DigestService);
    const scheduled = await digest.runScheduled();
    expect(scheduled).toMatchObject({ trigger: 'schedule', sent: 0, alreadySent: 2 });
    expect(await digest.runScheduled()).toBeNull(); // this week's scheduled run is taken
    expect(smtp.mails).toHaveLength(2);
    expect(await countRows(t.db, 'digest_deliveries')).toBe(2);
  });

  it('records a failed e-mail and sends it on the next run, without repeating the others', async () => {
    const dana = await insertUser(t.db, 'staff', null, `dana-${randomUUID()}@test.coopera`);
    await data.staff
      .post('/api/v1/actions')
      .send({
        code: `DG-${randomUUID().slice(0, 8)}`,
        kind: 'award',
        instituteRole: 'recipient',
        titleEs: 'Premio Guangzhou',
        responsibleId: dana.id,
        milestones: [{ type: 'application', title: 'Postulación', plannedDate: data.day(-3) }],
      })
      .expect(201);
    // A replica whose mail server is down.
    const down = await bootTestApp({
      databaseUrl: db.url,
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      appUrl: APP_URL,
    });
    try {
      const downAdmin = await signedIn(down, 'admin');
      const failed = await downAdmin.post('/api/v1/notifications/digest').send({}).expect(200);
      expect(failed.body).toMatchObject({ status: 'failed', sent: 0, alreadySent: 2, failed: 1 });
    } finally {
      await down.close();
    }
    const retry = await admin.post('/api/v1/notifications/digest').send({}).expect(200);
    expect(retry.body).toMatchObject({ status: 'completed', sent: 1, alreadySent: 2, failed: 0 });
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.mails[2].to).toEqual([dana.email]);
  });
});

/**
 * Two replicas with scheduled jobs on one database: the digest runs once per week whichever
 * replica's worker takes the job, and however many jobs are queued.
 */
describe('weekly digest across two replicas (pg-boss)', () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let a: TestApp;
  let b: TestApp;
  const boot = (cron: string) =>
    bootTestApp({
      databaseUrl: db.url,
      smtpUrl: smtp.url,
      appUrl: APP_URL,
      jobsEnabled: true,
      digestCron: cron,
      jobsTiming: {
        cronMonitorIntervalSeconds: 1,
        cronWorkerIntervalSeconds: 1,
        pollingIntervalSeconds: 1,
      },
    });
  const waitFor = async (what: () => Promise<boolean>, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await what()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('timed out');
  };
  const completedJobs = async (t: TestApp): Promise<number> => {
    const rows: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'weekly-digest' AND state = 'completed'`,
    );
    return rows[0].n;
  };
  beforeEach(async () => {
    db = await createTestDatabase('coopera_digest_replicas');
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await smtp.stop();
    await db.drop();
  });

  it('runs once when both replicas queue the digest at the same time', async () => {
    [a, b] = await Promise.all([boot('0 8 * * 1'), boot('0 8 * * 1')]);
    expect(a.app.get(JobsService).running && b.app.get(JobsService).running).toBe(true);
    await seedPortfolio(a);
    await Promise.all([
      a.app.get(JobsService).enqueueDigest(),
      b.app.get(JobsService).enqueueDigest(),
      a.app.get(JobsService).enqueueDigest(),
      b.app.get(JobsService).enqueueDigest(),
    ]);
    await waitFor(async () => (await completedJobs(a)) === 4, 20_000);
    expect(smtp.mails).toHaveLength(2);
    const runs: { trigger: string; sent: number }[] = await a.db.query(
      `SELECT "trigger", sent FROM digest_runs`,
    );
    expect(runs).toEqual([{ trigger: 'schedule', sent: 2 }]);
  }, 60_000);

  it('runs once from the cron schedule with both replicas ticking', async () => {
    // Every minute: both replicas watch the clock each second.
    [a, b] = await Promise.all([boot('* * * * *'), boot('* * * * *')]);
    await seedPortfolio(b);
    await waitFor(
      async () => (await countRows(a.db, 'digest_runs')) > 0 && (await completedJobs(a)) > 0,
      90_000,
    );
    await new Promise((r) => setTimeout(r, 3000));
    const runs: { trigger: string; status: string; sent: number }[] = await a.db.query(
      `SELECT "trigger", status, sent FROM digest_runs`,
    );
    expect(runs).toEqual([{ trigger: 'schedule', status: 'completed', sent: 2 }]);
    expect(smtp.mails).toHaveLength(2);
    const schedules: { name: string; cron: string; timezone: string }[] = await a.db.query(
      `SELECT name, cron, timezone FROM pgboss.schedule`,
    );
    expect(schedules).toEqual([
      { name: 'weekly-digest', cron: '* * * * *', timezone: 'America/Mexico_City' },
    ]);
  }, 120_000);
});
