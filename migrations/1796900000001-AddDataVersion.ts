import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose rows a dashboard, a list or an action detail reads. A table added later that
 * those answers read gets the same trigger: `${watchTable('new_table')}` in its own migration.
 */
export const WATCHED_TABLES = [
  'actions',
  'action_stages',
  'funding',
  'participations',
  'organisations',
  'milestones',
  'results',
  'indicators',
  'legal_instruments',
  'document_links',
  'evidence_files',
  'exchange_rates',
  'app_settings',
];

/** Tables whose answers show only some columns: a change to the others leaves answers as they are. */
const WATCHED_COLUMNS: Record<string, string[]> = {
  // Names of responsible people and uploaders; a sign-in (last_sign_in_at) changes no answer.
  users: ['name'],
};

/**
 * Bumps the data version after every statement that changes `table` (rows or TRUNCATE); with
 * `columns`, only updates that set one of them count.
 */
export const watchTable = (table: string, columns?: string[]) => `
  CREATE TRIGGER coopera_data_version_bump
    AFTER INSERT OR UPDATE${columns?.length ? ` OF ${columns.join(', ')}` : ''} OR DELETE OR TRUNCATE
    ON public.${table}
    FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_bump_data_version()`;

export const unwatchTable = (table: string) =>
  `DROP TRIGGER IF EXISTS coopera_data_version_bump ON public.${table}`;

/**
 * The portfolio's data version: the sum of `n` over data_version. Each writing backend counts its
 * statements in a row of its own (keyed by its process id), inside the writing transaction: a
 * commit makes the sum grow, a rollback leaves it as it was, and writers never wait on each other
 * (one shared row would serialise every write and could deadlock two multi-statement ones). The
 * app reads the sum per request, or listens on channel coopera_data_version (sent at commit).
 * Rows of backends that ended are folded into row 0 by coopera_compact_data_version().
 */
export class AddDataVersion1796900000001 implements MigrationInterface {
  name = 'AddDataVersion1796900000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public.data_version (
        backend_pid int PRIMARY KEY,
        n bigint NOT NULL DEFAULT 0
      ) WITH (fillfactor = 50)`);
    // Starts at the clock (ms): a new or restored database never repeats an older one's version.
    await q.query(`
      INSERT INTO public.data_version (backend_pid, n)
      VALUES (0, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)`);
    await q.query(`
      CREATE FUNCTION public.coopera_bump_data_version() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO public.data_version AS v (backend_pid, n) VALUES (pg_backend_pid(), 1)
          ON CONFLICT (backend_pid) DO UPDATE SET n = v.n + 1;
        PERFORM pg_notify('coopera_data_version', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION public.coopera_compact_data_version() RETURNS void
      LANGUAGE sql AS $$
        WITH gone AS (
          DELETE FROM public.data_version
           WHERE backend_pid <> 0
             AND backend_pid NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)
          RETURNING n
        )
        UPDATE public.data_version SET n = n + (SELECT coalesce(sum(n), 0) FROM gone)
         WHERE backend_pid = 0
      $$`);
    for (const table of WATCHED_TABLES) await q.query(watchTable(table));
    for (const [table, columns] of Object.entries(WATCHED_COLUMNS))
      await q.query(watchTable(table, columns));
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [...WATCHED_TABLES, ...Object.keys(WATCHED_COLUMNS)])
      await q.query(unwatchTable(table));
    await q.query(`DROP FUNCTION public.coopera_compact_data_version()`);
    await q.query(`DROP FUNCTION public.coopera_bump_data_version()`);
    await q.query(`DROP TABLE public.data_version`);
  }
}
