import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../auth/auth-user';
import { DashboardService } from '../dashboard/dashboard.service';
import { AuditService } from '../audit/audit.service';
import { Page } from '../common/dto/pagination.dto';
import { AppError } from '../common/errors';
import { VersionedWriter } from '../common/versioned-write';
import { slugify } from '../common/slug';
import { allWordsLike, partnerScope, SqlParams } from '../common/sql-scope';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';

type Row = OrganisationDto & { notes: string | null };

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
    private readonly dashboard: DashboardService,
  ) {}

  /** Organisations a partner may see: their own and those sharing an action with it. */
  private scope(user: Pick<AuthUser, 'role' | 'organisationId'>, params: SqlParams): string {
    if (user.role !== 'partner') return 'TRUE';
    const org = params.add(user.organisationId);
    return `(o.id = ${org} OR EXISTS (
      SELECT 1 FROM participations p1 JOIN participations p2 ON p2.action_id = p1.action_id
       WHERE p1.organisation_id = ${org} AND p2.organisation_id = o.id))`;
  }

  private actionCountSql(
    user: Pick<AuthUser, 'role' | 'organisationId'>,
    params: SqlParams,
  ): string {
    const scope = partnerScope(user, params);
    return `(SELECT count(DISTINCT a.id)::int FROM participations p JOIN actions a ON a.id = p.action_id
              WHERE p.organisation_id = o.id AND a.archived_at IS NULL${scope ? ` AND ${scope}` : ''})`;
  }

  private toDto(row: Row, user: Pick<AuthUser, 'role'>): OrganisationDto {
    const { notes, ...rest } = row;
    return user.role === 'partner' ? rest : { ...rest, notes };
  }

  async list(query: OrganisationQueryDto, user: AuthUser): Promise<Page<OrganisationDto>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const params = new SqlParams();
    const where = [this.scope(user, params)];
    where.push(
      ...allWordsLike(`coopera_fold(o.name || ' ' || coalesce(o.acronym, ''))`, query.q, params),
    );
    if (query.type) where.push(`o.type = ${params.add(query.type)}`);
    const count = params.values.length;
    const countRows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM organisations o WHERE ${where.join(' AND ')}`,
      params.values.slice(0, count),
    );
    const actionCount = this.actionCountSql(user, params);
    const rows: Row[] = await this.dataSource.query(
      `SELECT o.id, o.slug, o.name, o.acronym, o.type, o.country, o.iati_ref AS "iatiRef", o.website, o.notes,
              o.version, ${actionCount} AS "actionCount"
         FROM organisations o WHERE ${where.join(' AND ')}
        ORDER BY coalesce(o.acronym, o.name) LIMIT ${params.add(pageSize)} OFFSET ${params.add((page - 1) * pageSize)}`,
      params.values,
    );
    const items = rows.map((r) => this.toDto(r, user));
    if (query.currency) {
      const money = await this.dashboard.partnerTotals(
        items.map((o) => o.id),
        { currency: query.currency },
        user,
      );
      for (const item of items) item.money = money.get(item.id);
    }
    return { items, total: countRows[0].n, page, pageSize };
  }

  async get(
    id: string,
    user: Pick<AuthUser, 'role' | 'organisationId'>,
    manager?: EntityManager,
  ): Promise<OrganisationDto> {
    const params = new SqlParams();
    const idParam = params.add(id);
    const scope = this.scope(user, params);
    const actionCount = this.actionCountSql(user, params);
    const rows: Row[] = await (manager ?? this.dataSource.manager).query(
      `SELECT o.id, o.slug, o.name, o.acronym, o.type, o.country, o.iati_ref AS "iatiRef", o.website, o.notes,
              o.version, ${actionCount} AS "actionCount"
         FROM organisations o WHERE o.id = ${idParam} AND ${scope}`,
      params.values,
    );
    if (!rows[0]) throw AppError.notFound('ORGANISATION_NOT_FOUND');
    return this.toDto(rows[0], user);
  }

  /**
   * The organisation that `candidate` would duplicate: the same IATI reference, or the same name
   * ignoring case, accents and spacing ("Medellín" = "medellin"). Refused with 409
   * ORGANISATION_DUPLICATE and the existing one in `details.existing`, so the form can offer it.
   */
  private async assertNoDuplicate(
    m: EntityManager,
    candidate: { name: string; iatiRef: string | null | undefined },
    user: AuthUser,
    exceptId: string | null = null,
  ): Promise<void> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM organisations
        WHERE ($3::uuid IS NULL OR id <> $3)
          AND (regexp_replace(coopera_fold(name), '[[:space:]]+', ' ', 'g') = regexp_replace(coopera_fold(btrim($1)), '[[:space:]]+', ' ', 'g')
               OR ($2::text IS NOT NULL AND upper(btrim(iati_ref)) = upper(btrim($2))))
        ORDER BY (upper(btrim(iati_ref)) IS NOT DISTINCT FROM upper(btrim($2))) DESC, created_at
        LIMIT 1`,
      [candidate.name, candidate.iatiRef?.trim() || null, exceptId],
    );
    if (!rows[0]) return;
    const existing = await this.get(rows[0].id, user, m);
    throw new AppError(HttpStatus.CONFLICT, 'ORGANISATION_DUPLICATE', { existing });
  }

  async create(
    input: CreateOrganisationDto,
    actor: Actor,
    user: AuthUser,
  ): Promise<OrganisationDto> {
    return inTransaction(this.dataSource, async (m) => {
      // Two people creating the same partner at once: the second waits and then sees the first.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('organisations:create'))`);
      await this.assertNoDuplicate(m, { name: input.name, iatiRef: input.iatiRef }, user);
      const slug = `${slugify(input.acronym || input.name)}-${randomBytes(3).toString('hex')}`;
      const rows: { id: string }[] = await m.query(
        `INSERT INTO organisations (slug, name, acronym, type, country, iati_ref, website, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          slug,
          input.name.trim(),
          input.acronym?.trim() || null,
          input.type,
          input.country ?? null,
          input.iatiRef ?? null,
          input.website ?? null,
          input.notes ?? null,
        ],
      );
      const created = await this.get(rows[0].id, user, m);
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'organisation',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  async update(
    id: string,
    input: UpdateOrganisationDto,
    actor: Actor,
    user: AuthUser,
  ): Promise<OrganisationDto> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.get(id, user, m);
      const next = {
        name: input.name?.trim() ?? before.name,
        acronym: input.acronym === undefined ? before.acronym : input.acronym?.trim() || null,
        type: input.type ?? before.type,
        country: input.country === undefined ? before.country : input.country,
        iatiRef: input.iatiRef === undefined ? before.iatiRef : input.iatiRef,
        website: input.website === undefined ? before.website : input.website,
        notes: input.notes === undefined ? (before.notes ?? null) : input.notes,
      };
      if (input.name !== undefined || input.iatiRef !== undefined) {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('organisations:create'))`);
        await this.assertNoDuplicate(m, next, user, id);
      }
      return this.versioned.update(m, actor, {
        target: { entity: 'organisation', entityId: id },
        before,
        write: () =>
          m.query(
            `UPDATE organisations SET name = $3, acronym = $4, type = $5, country = $6, iati_ref = $7, website = $8, notes = $9,
                    version = version + 1, updated_at = now()
              WHERE id = $1 AND version = $2 RETURNING id`,
            [
              id,
              input.version,
              next.name,
              next.acronym,
              next.type,
              next.country,
              next.iatiRef,
              next.website,
              next.notes,
            ],
          ),
        // The row as it is now (a concurrent winner may have committed since `before` was read).
        read: () => this.get(id, user, m),
      });
    });
  }

  async remove(id: string, actor: Actor, user: AuthUser): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const before = await this.get(id, user, m);
      const used: unknown[] = await m.query(
        `SELECT 1 FROM participations WHERE organisation_id = $1
         UNION ALL SELECT 1 FROM funding WHERE provider_id = $1 OR receiver_id = $1
         UNION ALL SELECT 1 FROM users WHERE organisation_id = $1
         UNION ALL SELECT 1 FROM actions WHERE institute_id = $1 LIMIT 1`,
        [id],
      );
      if (used.length) throw new AppError(HttpStatus.CONFLICT, 'ORGANISATION_IN_USE');
      await this.versioned.remove(m, actor, {
        target: { entity: 'organisation', entityId: id },
        before,
        remove: () => m.query(`DELETE FROM organisations WHERE id = $1`, [id]),
      });
    });
  }
}
