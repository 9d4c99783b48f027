import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data version per table: the trigger of AddDataVersion now counts each statement under the
 * table it changed (TG_TABLE_NAME), so a cached answer is keyed on the versions of the tables it
 * reads and a logged milestone leaves the money dashboards as they were. The rows counted before
 * (table '') and row 0's starting clock are the base every answer's version includes.
 *
 * Sessions and the users behind them notify channel coopera_sessions when they change (sign-out,
 * expiry moved, deactivation, role…): a process that keeps sessions in memory (listen mode) drops
 * them at once.
 */
export class KeepDataVersionPerTable1797300000001 implements MigrationInterface {
  name = 'KeepDataVersionPerTable1797300000001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE public.data_version ADD COLUMN tbl text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE public.data_version DROP CONSTRAINT data_version_pkey`);
    await q.query(`ALTER TABLE public.data_version ADD PRIMARY KEY (backend_pid, tbl)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION public.coopera_bump_data_version() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO public.data_version AS v (backend_pid, tbl, n)
          VALUES (pg_backend_pid(), TG_TABLE_NAME, 1)
          ON CONFLICT (backend_pid, tbl) DO UPDATE SET n = v.n + 1;
        PERFORM pg_notify('coopera_data_version', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION public.coopera_compact_data_version() RETURNS void
      LANGUAGE sql AS $$
        WITH gone AS (
          DELETE FROM public.data_version
           WHERE backend_pid <> 0
             AND backend_pid NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)
          RETURNING tbl, n
        )
        INSERT INTO public.data_version AS v (backend_pid, tbl, n)
        SELECT 0, tbl, sum(n) FROM gone GROUP BY tbl
        ON CONFLICT (backend_pid, tbl) DO UPDATE SET n = v.n + excluded.n
      $$`);
    await q.query(`
      CREATE FUNCTION public.coopera_notify_sessions() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('coopera_sessions', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER coopera_sessions_changed
        AFTER UPDATE OR DELETE OR TRUNCATE ON public.sessions
        FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_notify_sessions()`);
    await q.query(`
      CREATE TRIGGER coopera_sessions_changed
        AFTER UPDATE OF active, role, organisation_id, must_change_password, name, email OR DELETE
        ON public.users
        FOR EACH STATEMENT EXECUTE FUNCTION public.coopera_notify_sessions()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER coopera_sessions_changed ON public.users`);
    await q.query(`DROP TRIGGER coopera_sessions_changed ON public.sessions`);
    await q.query(`DROP FUNCTION public.coopera_notify_sessions()`);
    // Back to one count per backend: every table's count folds into it.
    await q.query(`
      CREATE TEMP TABLE data_version_folded AS
      SELECT backend_pid, sum(n) AS n FROM public.data_version GROUP BY backend_pid`);
    await q.query(`DELETE FROM public.data_version`);
    await q.query(`ALTER TABLE public.data_version DROP CONSTRAINT data_version_pkey`);
    await q.query(`ALTER TABLE public.data_version DROP COLUMN tbl`);
    await q.query(`ALTER TABLE public.data_version ADD PRIMARY KEY (backend_pid)`);
    await q.query(
      `INSERT INTO public.data_version (backend_pid, n) SELECT backend_pid, n FROM data_version_folded`,
    );
    await q.query(`DROP TABLE data_version_folded`);
    await q.query(`
      CREATE OR REPLACE FUNCTION public.coopera_bump_data_version() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO public.data_version AS v (backend_pid, n) VALUES (pg_backend_pid(), 1)
          ON CONFLICT (backend_pid) DO UPDATE SET n = v.n + 1;
        PERFORM pg_notify('coopera_data_version', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION public.coopera_compact_data_version() RETURNS void
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
  }
}
