import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import type { Actor } from '../src/auth/auth-user';
import { AppError } from '../src/common/errors';
import { inTransaction } from '../src/common/transaction';
import { changedRows, VersionedWriter } from '../src/common/versioned-write';
import { createDataSource } from '../src/db/data-source';
import { Organisation } from '../src/organisations/organisation.entity';
import { testDatabaseUrl } from './support/test-app';
import { newOrganisation } from './support/factories';

/**
 * The one versioned, audited write (check version → write → 409 with the current row → audit
 * entry in the same transaction), on real PostgreSQL with the real organisations table.
 */
describe('VersionedWriter (real PostgreSQL)', () => {
  let ds: DataSource;
  const writer = new VersionedWriter(new AuditService());
  const actor: Actor = { id: null, email: 'versioned@test.coopera', requestId: 'vw-test' };

  beforeAll(async () => {
    ds = createDataSource({ url: testDatabaseUrl() });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  const row = (id: string) => ds.getRepository(Organisation).findOneByOrFail({ id });
  const auditOf = (id: string) =>
    ds.query(
      `SELECT operation, before->>'name' AS "beforeName", after->>'name' AS "afterName", request_id AS "requestId"
         FROM audit_log WHERE entity = 'organisation' AND entity_id = $1 ORDER BY id`,
      [id],
    ) as Promise<{ operation: string; beforeName: string; afterName: string; requestId: string }[]>;

  /** Runs `work` and answers the AppError it threw (or fails the test when it threw none). */
  async function refused(work: () => Promise<unknown>): Promise<AppError> {
    try {
      await work();
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected an AppError');
  }

  const rename = (id: string, version: number, name: string) =>
    inTransaction(ds, async (m) => {
      const before = await m.getRepository(Organisation).findOneByOrFail({ id });
      return writer.updateRow(m, actor, {
        entity: Organisation,
        target: { entity: 'organisation' },
        before,
        changes: { name },
        version,
      });
    });

  it('writes at the version read, bumps it and audits before → after', async () => {
    const id = await newOrganisation(ds, { name: 'Antes' });
    const after = await rename(id, 1, 'Después');
    expect(after).toMatchObject({ id, name: 'Después', version: 2 });
    expect(await row(id)).toMatchObject({ name: 'Después', version: 2 });
    expect(await auditOf(id)).toEqual([
      { operation: 'update', beforeName: 'Antes', afterName: 'Después', requestId: 'vw-test' },
    ]);
  });

  it('a stale version gets 409 VERSION_CONFLICT with the row as stored, and nothing is written', async () => {
    const id = await newOrganisation(ds, { name: 'Primera' });
    await rename(id, 1, 'Segunda');
    const error = await refused(() => rename(id, 1, 'Tercera'));
    expect(error.status).toBe(409);
    expect(error.code).toBe('VERSION_CONFLICT');
    expect((error.details as { current: Organisation }).current).toMatchObject({
      id,
      name: 'Segunda',
      version: 2,
    });
    expect(await row(id)).toMatchObject({ name: 'Segunda', version: 2 });
    expect((await auditOf(id)).map((a) => a.afterName)).toEqual(['Segunda']);
  });

  it('the audit entry shares the transaction: a failure after the write leaves neither', async () => {
    const id = await newOrganisation(ds, { name: 'Intacta' });
    await expect(
      inTransaction(ds, async (m) => {
        const before = await m.getRepository(Organisation).findOneByOrFail({ id });
        await writer.update(m, actor, {
          target: { entity: 'organisation', entityId: id },
          before,
          write: () =>
            m.query(
              `UPDATE organisations SET name = 'Cambiada', version = version + 1 WHERE id = $1 AND version = 1`,
              [id],
            ),
          read: () => m.getRepository(Organisation).findOneByOrFail({ id }),
        });
        throw new Error('later step fails');
      }),
    ).rejects.toThrow('later step fails');
    expect(await row(id)).toMatchObject({ name: 'Intacta', version: 1 });
    expect(await auditOf(id)).toEqual([]);
  });

  it('the 409 carries what the feature chooses as the current record', async () => {
    const id = await newOrganisation(ds, { name: 'Vista' });
    const error = await refused(() =>
      inTransaction(ds, (m) =>
        writer.update(m, actor, {
          target: { entity: 'organisation', entityId: id },
          before: {},
          write: () =>
            m.query(
              `UPDATE organisations SET name = 'x' WHERE id = $1 AND version = 7 RETURNING id`,
              [id],
            ),
          read: () => m.getRepository(Organisation).findOneByOrFail({ id }),
          current: async () => ({ shown: 'as the API answers it' }),
        }),
      ),
    );
    expect(error.details).toEqual({ current: { shown: 'as the API answers it' } });
  });

  it('removes at the version read (or any version when none is sent) and audits the delete', async () => {
    const id = await newOrganisation(ds, { name: 'Borrable' });
    const remove = (version?: number) =>
      inTransaction(ds, async (m) => {
        const before = await m.getRepository(Organisation).findOneByOrFail({ id });
        await writer.removeRow(m, actor, {
          entity: Organisation,
          target: { entity: 'organisation' },
          before,
          version,
        });
      });
    const error = await refused(() => remove(3));
    expect(error.code).toBe('VERSION_CONFLICT');
    expect((error.details as { current: Organisation }).current).toMatchObject({ id, version: 1 });
    expect(await ds.getRepository(Organisation).countBy({ id })).toBe(1);
    await remove(undefined);
    expect(await ds.getRepository(Organisation).countBy({ id })).toBe(0);
    expect(await auditOf(id)).toEqual([
      { operation: 'delete', beforeName: 'Borrable', afterName: null, requestId: 'vw-test' },
    ]);
  });

  it('a DELETE that finds nothing (its own version condition failed) is a 409 with the row read', async () => {
    const id = await newOrganisation(ds, { name: 'Condicional' });
    const error = await refused(() =>
      inTransaction(ds, async (m) => {
        const before = await m.getRepository(Organisation).findOneByOrFail({ id });
        await writer.remove(m, actor, {
          target: { entity: 'organisation', entityId: id },
          before,
          remove: () => m.query(`DELETE FROM organisations WHERE id = $1 AND version = 9`, [id]),
        });
      }),
    );
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(await ds.getRepository(Organisation).countBy({ id })).toBe(1);
    expect(await auditOf(id)).toEqual([]);
  });

  it('creates a row and audits it as saved, in the same transaction', async () => {
    const slug = `vw-${Date.now()}`;
    const created = await inTransaction(ds, (m) =>
      writer.createRow(m, actor, {
        entity: Organisation,
        target: { entity: 'organisation' },
        values: { slug, name: 'Nueva', type: 'other' },
      }),
    );
    expect(created).toMatchObject({ slug, name: 'Nueva', version: 1 });
    expect(await auditOf(created.id)).toEqual([
      { operation: 'create', beforeName: null, afterName: 'Nueva', requestId: 'vw-test' },
    ]);
    await expect(
      inTransaction(ds, async (m) => {
        await writer.createRow(m, actor, {
          entity: Organisation,
          target: { entity: 'organisation' },
          values: { slug: `${slug}-b`, name: 'Deshecha', type: 'other' },
        });
        throw new Error('later step fails');
      }),
    ).rejects.toThrow('later step fails');
    expect(await ds.getRepository(Organisation).countBy({ slug: `${slug}-b` })).toBe(0);
    expect(
      await ds.query(`SELECT 1 FROM audit_log WHERE after->>'slug' = $1`, [`${slug}-b`]),
    ).toEqual([]);
  });

  it('counts changed rows however the statement ran', async () => {
    const id = await newOrganisation(ds);
    expect(
      changedRows(await ds.query(`UPDATE organisations SET notes = 'a' WHERE id = $1`, [id])),
    ).toBe(1);
    expect(changedRows(await ds.query(`UPDATE organisations SET notes = 'a' WHERE false`))).toBe(0);
    expect(
      changedRows(
        await ds.query(
          `WITH u AS (UPDATE organisations SET notes = 'b' WHERE id = $1 RETURNING id) SELECT id FROM u`,
          [id],
        ),
      ),
    ).toBe(1);
    expect(
      changedRows(
        await ds
          .createQueryBuilder()
          .update(Organisation)
          .set({ notes: 'c' })
          .where('id = :id', { id })
          .execute(),
      ),
    ).toBe(1);
    expect(
      changedRows(
        await ds.getRepository(Organisation).delete({ id: '00000000-0000-0000-0000-000000000000' }),
      ),
    ).toBe(0);
  });
});
