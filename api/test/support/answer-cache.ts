import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AnswerCache } from '../../src/cache/answer-cache';
import { ANSWER_CACHE } from '../../src/cache/answer-cache.interceptor';
import type { TestApp } from './test-app';

/**
 * What the answer-cache suites count: actions carrying a theme of the suite's own, so the
 * dashboards and lists below count only these (`SUMMARY`, `LIST`).
 */
export function cacheFixture() {
  const THEME = `cache-${randomUUID().slice(0, 8)}`;
  return {
    THEME,
    SUMMARY: `/api/v1/dashboard/summary?theme=${THEME}`,
    LIST: `/api/v1/actions?theme=${THEME}&pageSize=50`,
    /** An action with the theme (and a funding partner), straight in the database. */
    async insertAction(db: DataSource, organisationId?: string): Promise<string> {
      const rows: { id: string }[] = await db.query(
        `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes)
         VALUES ($1, 'cooperation_project', 'Acción de caché', 'recipient', 'implementation', 'technical', $2)
         RETURNING id`,
        [`C-${randomUUID().slice(0, 8)}`, [THEME]],
      );
      if (organisationId)
        await db.query(
          `INSERT INTO participations (action_id, organisation_id, role) VALUES ($1, $2, 'funding')`,
          [rows[0].id, organisationId],
        );
      return rows[0].id;
    },
  };
}

export const cacheOf = (t: TestApp) => t.app.get<AnswerCache>(ANSWER_CACHE);
