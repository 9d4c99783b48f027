import { MigrationInterface, QueryRunner } from 'typeorm';

/** The session setting a statement sets to count its update of `actions` as a touch. */
export const TOUCH_SETTING = 'coopera.touch';
/** The data version's name for touches of actions (no table of its own). */
export const ACTIONS_TOUCHED = 'actions_touched';

const bump = (touch: boolean) => `
  CREATE OR REPLACE FUNCTION public.coopera_bump_data_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
  DECLARE
    t text := TG_TABLE_NAME;
  BEGIN
    ${
      touch
        ? `IF t = 'actions' AND current_setting('${TOUCH_SETTING}', true) = 'on' THEN
      t := '${ACTIONS_TOUCHED}';
      -- One statement only: whatever the transaction changes next counts as usual.
      PERFORM set_config('${TOUCH_SETTING}', 'off', true);
    END IF;`
        : ''
    }
    INSERT INTO public.data_version AS v (backend_pid, tbl, n)
      VALUES (pg_backend_pid(), t, 1)
      ON CONFLICT (backend_pid, tbl) DO UPDATE SET n = v.n + 1;
    PERFORM pg_notify('coopera_data_version', t);
    RETURN NULL;
  END $$`;

/**
 * Logging a part of an action (a milestone, a partner, money…) also moves the action's
 * `updated_at`/`updated_by` (the list's "last updated"). Counted under `actions`, that touch
 * renewed every answer reading actions — every dashboard and the organisation directory — on
 * each milestone logged. The touch statement now says so (`set_config('coopera.touch', 'on',
 * true)` just before it) and the trigger counts it as `actions_touched`, which only the answers
 * showing those columns (action list, detail, organisation page) read. The setting lasts one
 * statement: the trigger turns it off. Any other change to actions counts as before.
 */
export class CountActionTouchesApart1797450000002 implements MigrationInterface {
  name = 'CountActionTouchesApart1797450000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(bump(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(bump(false));
  }
}
