import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: defaults and values from the environment', () => {
  it('gives the documented defaults: port 3000, embedded database, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '.data',
      embeddedPgPort: 54329,
      demoData: true,
      databaseUrl: undefined,
      evidenceMaxBytes: 20 * 1024 * 1024,
      dbParallelWorkers: 0,
      dbPreparedStatements: true,
    });
    expect(loadConfig({ DB_PARALLEL_WORKERS: '4' }).dbParallelWorkers).toBe(4);
    expect(loadConfig({ DB_PREPARED_STATEMENTS: 'false' }).dbPreparedStatements).toBe(false);
    expect(loadConfig({ EVIDENCE_MAX_BYTES: '1048576' }).evidenceMaxBytes).toBe(1048576);
  });

  it('gives the import limits their documented defaults and reads them from the environment', () => {
    expect(loadConfig({})).toMatchObject({
      importWorkerHeapMb: 512,
      importReadTimeoutMs: 120_000,
      importMaxUncompressedBytes: 64 * 1024 * 1024,
      importMaxRows: 100_000,
      importMaxColumns: 100,
      importMaxCellChars: 32_767,
      importConcurrency: 2,
      importQueueWaitMs: 10_000,
    });
    expect(loadConfig({ IMPORT_CONCURRENCY: '4', IMPORT_MAX_ROWS: '500' })).toMatchObject({
      importConcurrency: 4,
      importMaxRows: 500,
    });
    expect(() => loadConfig({ IMPORT_MAX_COLUMNS: '10' })).toThrow(
      /IMPORT_MAX_COLUMNS="10": must be a number of columns between 30 and 16384/,
    );
    expect(() => loadConfig({ IMPORT_WORKER_HEAP_MB: 'lots' })).toThrow(/IMPORT_WORKER_HEAP_MB/);
  });

  it('turns demo data off by default with an external database', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db.example.org:5432/coopera' });
    expect(config.demoData).toBe(false);
    expect(config.databaseUrl).toBe('postgres://u:p@db.example.org:5432/coopera');
  });
});

describe('loadConfig: malformed values', () => {
  it.each([
    [
      { PORT: 'abc' },
      /^Invalid environment variable PORT="abc": must be an integer between 1 and 65535$/,
    ],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    [{ DEMO_DATA: 'maybe' }, /DEMO_DATA="maybe": must be true or false/],
    [
      { EVIDENCE_MAX_BYTES: '20MB' },
      /EVIDENCE_MAX_BYTES="20MB": must be an integer number of bytes/,
    ],
    [{ EVIDENCE_MAX_BYTES: '10' }, /EVIDENCE_MAX_BYTES="10"/],
    [
      { DB_PARALLEL_WORKERS: '-1' },
      /DB_PARALLEL_WORKERS="-1": must be an integer between 0 and 16/,
    ],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses a malformed DATABASE_URL without echoing it (it may hold a password)', () => {
    let error: Error | undefined;
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:secret@db/x' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(
      'Invalid environment variable DATABASE_URL: must be a URL like postgres://user:password@host:5432/database',
    );
    expect(error?.message).not.toContain('secret');
  });
});

describe('loadConfig: mail and scheduled jobs', () => {
  it('schedules the weekly digest on Mondays at 08:00 Mexico City, with jobs on outside tests', () => {
    expect(loadConfig({})).toMatchObject({
      jobsEnabled: true,
      smtpUrl: undefined,
      digestCron: '0 8 * * 1',
      digestTimeZone: 'America/Mexico_City',
      appUrl: 'http://localhost:3000',
    });
    expect(loadConfig({ NODE_ENV: 'test' }).jobsEnabled).toBe(false);
    expect(
      loadConfig({
        JOBS_ENABLED: 'false',
        APP_URL: 'https://coopera.example.org/',
        DIGEST_CRON: '30  7 * * 5',
      }),
    ).toMatchObject({
      jobsEnabled: false,
      appUrl: 'https://coopera.example.org',
      digestCron: '30 7 * * 5',
    });
  });

  it.each([
    [{ DIGEST_CRON: 'every monday' }, /DIGEST_CRON="every monday": must be a five-field cron/],
    [{ MAIL_FROM: 'nobody' }, /MAIL_FROM="nobody"/],
    [{ APP_URL: 'coopera.example.org' }, /APP_URL=/],
    [{ JOBS_ENABLED: 'sometimes' }, /JOBS_ENABLED="sometimes"/],
  ])('refuses the mail and job setting %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses a malformed SMTP_URL without echoing it', () => {
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org:secret' })).toThrow(
      /^Invalid environment variable SMTP_URL: must be a URL like smtp:/,
    );
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org:secret' })).not.toThrow(/secret/);
  });
});

describe('loadConfig: proxy, HSTS and database timeouts', () => {
  it('trusts no proxy by default; TRUST_PROXY takes a hop count or addresses/CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /^Invalid environment variable TRUST_PROXY="true": must be off, a number of proxy hops/,
    );
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' })).toThrow(ConfigError);
    expect(loadConfig({}).hsts).toBe('auto');
    expect(loadConfig({})).toMatchObject({ dbStatementTimeoutMs: 30_000, dbLockTimeoutMs: 3000 });
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '8000' }).dbStatementTimeoutMs).toBe(8000);
    expect(() => loadConfig({ HSTS: 'maybe' })).toThrow(/HSTS/);
  });
});
