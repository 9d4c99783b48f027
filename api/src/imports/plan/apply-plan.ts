import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/auth-user';
import type { ImportTable } from '../import-model';
import { DB, ENTITY, Rec, WRITE_ORDER } from './db-columns';
import type { PlanResult } from './plan-context';

const CHUNK = 2000;
const withActor = (t: ImportTable) => t === 'actions';

/** The action of every result the plan's indicators hang from (new, updated or stored). */
async function resultActions(m: EntityManager, plan: PlanResult): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const r of plan.inserts.results) owners.set(r.id as string, r.action_id as string);
  for (const u of plan.updates.results)
    owners.set(u.after.id as string, u.after.action_id as string);
  const missing = [...plan.inserts.indicators, ...plan.updates.indicators.map((u) => u.after)]
    .map((r) => r.result_id as string)
    .filter((id) => !owners.has(id));
  if (missing.length) {
    const stored: { id: string; action_id: string }[] = await m.query(
      `SELECT id, action_id FROM results WHERE id = ANY($1::uuid[])`,
      [[...new Set(missing)]],
    );
    for (const o of stored) owners.set(o.id, o.action_id);
  }
  return owners;
}

/** Deletes first, children before parents (indicators, results, money, participations). */
async function deleteRecords(m: EntityManager, plan: PlanResult, audit: Rec[]): Promise<void> {
  for (const t of [...WRITE_ORDER].reverse()) {
    const gone = plan.deletes[t];
    if (!gone.length) continue;
    await m.query(`DELETE FROM ${t} WHERE id = ANY($1::uuid[])`, [gone.map((r) => r.id)]);
    for (const r of gone)
      audit.push({
        operation: 'delete',
        entity: ENTITY[t],
        entity_id: r.id,
        action_id: r.action_id ?? null,
        before: t === 'indicators' ? { ...r, action_id: undefined } : r,
        after: null,
      });
  }
}

const recordset = (t: ImportTable) =>
  `jsonb_to_recordset($1::jsonb) AS r(${DB[t].map(([c, ty]) => `${c} ${ty}`).join(', ')})`;

async function insertRecords(m: EntityManager, t: ImportTable, rows: Rec[], actor: Actor) {
  const names = DB[t].map(([c]) => c);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO ${t} (${names.join(', ')}${withActor(t) ? ', created_by, updated_by' : ''})
       SELECT ${names.map((c) => `r.${c}`).join(', ')}${withActor(t) ? ', $2::uuid, $2::uuid' : ''} FROM ${recordset(t)}`,
      withActor(t) ? [JSON.stringify(chunk), actor.id] : [JSON.stringify(chunk)],
    );
  }
}

async function updateRecords(m: EntityManager, t: ImportTable, rows: Rec[], actor: Actor) {
  const set = DB[t]
    .filter(([c]) => c !== 'id' && c !== 'slug')
    .map(([c]) => `${c} = r.${c}`)
    .join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await m.query(
      `UPDATE ${t} t SET ${set}, version = t.version + 1, updated_at = now()${withActor(t) ? ', updated_by = $2::uuid' : ''}
         FROM ${recordset(t)} WHERE t.id = r.id`,
      withActor(t) ? [JSON.stringify(chunk), actor.id] : [JSON.stringify(chunk)],
    );
  }
}

/** The audit rows of one table's creates and updates (updates: the changed columns only). */
function auditWrites(t: ImportTable, plan: PlanResult, owners: Map<string, string>): Rec[] {
  const actionOf = (r: Rec) =>
    t === 'actions'
      ? r.id
      : t === 'indicators'
        ? (owners.get(r.result_id as string) ?? null)
        : (r.action_id ?? null);
  const created = plan.inserts[t].map((r) => ({
    operation: 'create',
    entity: ENTITY[t],
    entity_id: r.id,
    action_id: actionOf(r),
    before: null,
    after: r,
  }));
  const updated = plan.updates[t].map((u) => {
    const before: Rec = {};
    const after: Rec = {};
    for (const c of u.changes) {
      before[c] = u.before[c];
      after[c] = u.after[c];
    }
    const entry = { operation: 'update', entity: ENTITY[t], entity_id: u.after.id };
    return { ...entry, action_id: actionOf(u.after), before, after };
  });
  return [...created, ...updated];
}

async function writeAudit(m: EntityManager, audit: Rec[], actor: Actor): Promise<void> {
  for (let i = 0; i < audit.length; i += CHUNK) {
    await m.query(
      `INSERT INTO audit_log (actor_id, actor_email, operation, entity, entity_id, action_id, before, after, request_id)
       SELECT $2::uuid, $3, r.operation, r.entity, r.entity_id, r.action_id, r.before, r.after, $4
         FROM jsonb_to_recordset($1::jsonb) AS r(operation text, entity text, entity_id text, action_id uuid, before jsonb, after jsonb)`,
      [JSON.stringify(audit.slice(i, i + CHUNK)), actor.id, actor.email, actor.requestId],
    );
  }
}

/** Writes a plan (inside the caller's transaction) and its audit rows. */
export async function applyPlan(m: EntityManager, plan: PlanResult, actor: Actor): Promise<void> {
  const audit: Rec[] = [];
  const owners = await resultActions(m, plan);
  await deleteRecords(m, plan, audit);
  for (const t of WRITE_ORDER) {
    await insertRecords(m, t, plan.inserts[t], actor);
    await updateRecords(
      m,
      t,
      plan.updates[t].map((u) => u.after),
      actor,
    );
    audit.push(...auditWrites(t, plan, owners));
  }
  await writeAudit(m, audit, actor);
}
