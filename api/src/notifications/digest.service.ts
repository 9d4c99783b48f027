import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TODAY_SQL } from '../common/calendar-sql';
import { digestMail } from './digest-mail';
import { DigestRunDto } from './dto/notification.dto';
import { MailerService } from './mailer.service';
import { openMilestonesSql, OpenMilestoneRow } from './notifications.service';

interface RunRow {
  id: string;
  period: string;
  trigger: string;
  status: string;
  recipients: number;
  sent: number;
  alreadySent: number;
  failed: number;
  startedAt: Date;
  finishedAt: Date | null;
}

const RUN_COLUMNS = `id, period, "trigger", status, recipients, sent, already_sent AS "alreadySent", failed,
  started_at AS "startedAt", finished_at AS "finishedAt"`;

const toDto = (r: RunRow): DigestRunDto => ({
  ...r,
  startedAt: new Date(r.startedAt).toISOString(),
  finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
});

/**
 * The weekly digest: one e-mail per responsible person and ISO week (Mexico City) listing the
 * overdue and upcoming milestones of their actions. Never twice: a scheduled run is unique per
 * week (digest_runs) and every e-mail is claimed in digest_deliveries (unique user + week) before
 * it is sent, so replicas, retries and manual runs cannot send a second one.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The current period: ISO week of today in Mexico City, e.g. 2026-W48. */
  async currentPeriod(): Promise<string> {
    const [{ period }]: { period: string }[] = await this.dataSource.query(
      `SELECT to_char(${TODAY_SQL}, 'IYYY-"W"IW') AS period`,
    );
    return period;
  }

  /** Run from the admin endpoint: always runs (audited), sends only what this week still lacks. */
  async runManually(actor: Actor): Promise<DigestRunDto> {
    if (!this.mailer.configured) throw new AppError(HttpStatus.CONFLICT, 'MAIL_NOT_CONFIGURED');
    const period = await this.currentPeriod();
    const run = await this.dataSource.transaction(async (m) => {
      const [row]: RunRow[] = await m.query(
        `INSERT INTO digest_runs (period, "trigger", status, requested_by) VALUES ($1, 'manual', 'running', $2)
         RETURNING ${RUN_COLUMNS}`,
        [period, actor.id],
      );
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'digest_run',
        entityId: row.id,
        after: { period, trigger: 'manual' },
      });
      return row;
    });
    return this.execute(run.id, period);
  }

  /**
   * Run from the schedule. Returns null when this week's scheduled run was already claimed (by
   * another replica, an earlier tick or a finished run). A failed run is taken over by a retry.
   */
  async runScheduled(): Promise<DigestRunDto | null> {
    if (!this.mailer.configured) {
      this.logger.warn('Weekly digest skipped: SMTP_URL is not configured');
      return null;
    }
    const period = await this.currentPeriod();
    const claimed: { id: string }[] = await this.dataSource.query(
      `INSERT INTO digest_runs (period, "trigger", status) VALUES ($1, 'schedule', 'running')
       ON CONFLICT (period) WHERE "trigger" = 'schedule' DO UPDATE
          SET status = 'running', attempts = digest_runs.attempts + 1, error = NULL, started_at = now(), finished_at = NULL
        WHERE digest_runs.status = 'failed'
       RETURNING id`,
      [period],
    );
    if (!claimed.length) {
      this.logger.log({ period }, 'Weekly digest already run for this period');
      return null;
    }
    const result = await this.execute(claimed[0].id, period);
    if (result.failed > 0) throw new Error(`${result.failed} digest e-mail(s) failed`);
    return result;
  }

  private async execute(runId: string, period: string): Promise<DigestRunDto> {
    let sent = 0;
    let alreadySent = 0;
    let failed = 0;
    let recipients = 0;
    try {
      const rows: (OpenMilestoneRow & { email: string })[] = await this.dataSource.query(
        `${openMilestonesSql(
          `a.responsible_id IS NOT NULL AND u.active AND u.role <> 'partner'`,
          ', u.email',
        )}
         ORDER BY a.responsible_id, m.planned_date, a.code, m.id`,
      );
      const byPerson = new Map<string, (OpenMilestoneRow & { email: string })[]>();
      for (const r of rows) {
        if (!r.responsibleId) continue;
        const list = byPerson.get(r.responsibleId) ?? [];
        list.push(r);
        byPerson.set(r.responsibleId, list);
      }
      recipients = byPerson.size;
      for (const [userId, items] of byPerson) {
        const first = items[0];
        const overdue = items.filter((i) => i.kind === 'overdue').length;
        // Claim the e-mail first: a concurrent run or replica finds the row and sends nothing.
        const claim: { id: string }[] = await this.dataSource.query(
          `INSERT INTO digest_deliveries (run_id, user_id, period, email, status, overdue_count, upcoming_count)
           VALUES ($1, $2, $3, $4, 'sending', $5, $6)
           ON CONFLICT (user_id, period) DO UPDATE
              SET run_id = EXCLUDED.run_id, status = 'sending', error = NULL, email = EXCLUDED.email,
                  overdue_count = EXCLUDED.overdue_count, upcoming_count = EXCLUDED.upcoming_count
            WHERE digest_deliveries.status = 'failed'
           RETURNING id`,
          [runId, userId, period, first.email, overdue, items.length - overdue],
        );
        if (!claim.length) {
          alreadySent++;
          continue;
        }
        const mail = digestMail(
          { name: first.responsibleName ?? first.email, email: first.email },
          items,
          period,
          this.config.appUrl,
        );
        try {
          const messageId = await this.mailer.send({ to: first.email, ...mail });
          await this.dataSource.query(
            `UPDATE digest_deliveries SET status = 'sent', message_id = $2, sent_at = now() WHERE id = $1`,
            [claim[0].id, messageId],
          );
          sent++;
        } catch (error) {
          failed++;
          const message = error instanceof Error ? error.message : String(error);
          this.logger.error({ userId, period, err: message }, 'Digest e-mail failed');
          await this.dataSource.query(
            `UPDATE digest_deliveries SET status = 'failed', error = $2 WHERE id = $1`,
            [claim[0].id, message.slice(0, 1000)],
          );
        }
      }
    } catch (error) {
      await this.finish(runId, 'failed', { recipients, sent, alreadySent, failed }, String(error));
      throw error;
    }
    const run = await this.finish(runId, failed ? 'failed' : 'completed', {
      recipients,
      sent,
      alreadySent,
      failed,
    });
    this.logger.log({ period, recipients, sent, alreadySent, failed }, 'Weekly digest run');
    return run;
  }

  private async finish(
    runId: string,
    status: 'completed' | 'failed',
    counts: { recipients: number; sent: number; alreadySent: number; failed: number },
    error: string | null = null,
  ): Promise<DigestRunDto> {
    const [[row]]: [RunRow[], number] = await this.dataSource.query(
      `UPDATE digest_runs SET status = $2, recipients = $3, sent = $4, already_sent = $5, failed = $6,
              error = $7, finished_at = now()
        WHERE id = $1 RETURNING ${RUN_COLUMNS}`,
      [runId, status, counts.recipients, counts.sent, counts.alreadySent, counts.failed, error],
    );
    return toDto(row);
  }
}
