import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AppError, FieldError } from '../common/errors';
import { TOUCH_SETTING } from '../cache/table-versions';
import { VersionedWriter } from '../common/versioned-write';
import {
  DocumentLink,
  Funding,
  Indicator,
  LegalInstrument,
  Milestone,
  Participation,
  Result,
} from './parts.entities';
import type { ResultInput } from './dto/parts.dto';

export const PART_KINDS = [
  'participations',
  'instruments',
  'funding',
  'milestones',
  'results',
  'indicators',
  'documents',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

const ENTITIES: Record<PartKind, { target: EntityTarget<ObjectLiteral>; name: string }> = {
  participations: { target: Participation, name: 'participation' },
  instruments: { target: LegalInstrument, name: 'instrument' },
  funding: { target: Funding, name: 'funding' },
  milestones: { target: Milestone, name: 'milestone' },
  results: { target: Result, name: 'result' },
  indicators: { target: Indicator, name: 'indicator' },
  documents: { target: DocumentLink, name: 'document' },
};

type Input = Record<string, unknown>;

const invalid = (errors: FieldError[]) =>
  new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', errors);

/**
 * A commitment, disbursement or expenditure (and a ceiling or prize) of zero is no money: refused.
 * An in-kind contribution may be recorded at zero while nobody has valued it yet (docs/money.md).
 */
export const ZERO_ALLOWED_TYPES: readonly string[] = ['in_kind'];
function zeroAmountError(type: unknown, amount: unknown, field: string): FieldError | null {
  if (typeof amount !== 'string' || !/^0+(\.0+)?$/.test(amount.trim())) return null;
  if (typeof type === 'string' && ZERO_ALLOWED_TYPES.includes(type)) return null;
  return { field, code: 'positive', message: 'El monto debe ser mayor que cero.' };
}

/** Writes the parts of an action (each audited, inside the caller's transaction). */
@Injectable()
export class PartsWriter {
  constructor(private readonly versioned: VersionedWriter) {}

  private async existing(m: EntityManager, table: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Referenced organisations and actions must exist: a clear 400 instead of a foreign-key error. */
  async assertReferences(m: EntityManager, actionId: string | null, input: Input): Promise<void> {
    const orgRefs: { field: string; id: string }[] = [];
    const push = (field: string, id: unknown) =>
      typeof id === 'string' && orgRefs.push({ field, id });
    push('instituteId', input['instituteId']);
    push('organisationId', input['organisationId']);
    push('providerId', input['providerId']);
    push('receiverId', input['receiverId']);
    ((input['participations'] as Input[] | undefined) ?? []).forEach((p, i) =>
      push(`participations[${i}].organisationId`, p['organisationId']),
    );
    ((input['funding'] as Input[] | undefined) ?? []).forEach((f, i) => {
      push(`funding[${i}].providerId`, f['providerId']);
      push(`funding[${i}].receiverId`, f['receiverId']);
    });
    const orgs = await this.existing(
      m,
      'organisations',
      orgRefs.map((r) => r.id),
    );
    const errors: FieldError[] = orgRefs
      .filter((r) => !orgs.has(r.id))
      .map((r) => ({ field: r.field, code: 'notFound', message: 'La organización no existe.' }));
    const related = (input['relatedActionIds'] as string[] | undefined) ?? [];
    const actions = await this.existing(m, 'actions', related);
    related.forEach((id, i) => {
      if (!actions.has(id) || id === actionId) {
        errors.push({
          field: `relatedActionIds[${i}]`,
          code: 'notFound',
          message: 'La acción relacionada no existe.',
        });
      }
    });
    ((input['funding'] as Input[] | undefined) ?? []).forEach((f, i) => {
      const error = zeroAmountError(f['type'], f['amount'], `funding[${i}].amount`);
      if (error) errors.push(error);
    });
    ((input['milestones'] as Input[] | undefined) ?? []).forEach((ms, i) => {
      if (!ms['plannedDate'] && !ms['actualDate']) {
        errors.push({
          field: `milestones[${i}].plannedDate`,
          code: 'isDefined',
          message: 'Indica la fecha prevista o la fecha real.',
        });
      }
    });
    const responsible = input['responsibleId'];
    if (typeof responsible === 'string') {
      const rows: unknown[] = await m.query(
        `SELECT 1 FROM users WHERE id = $1 AND active AND role <> 'partner'`,
        [responsible],
      );
      if (!rows.length) {
        errors.push({
          field: 'responsibleId',
          code: 'notEligible',
          message: 'Debe ser un usuario activo del instituto (no de un socio).',
        });
      }
    }
    if (errors.length) throw invalid(errors);
  }

  private async assertPartReferences(
    m: EntityManager,
    kind: PartKind,
    actionId: string,
    input: Input,
    current?: ObjectLiteral,
  ) {
    await this.assertReferences(m, actionId, input);
    const errors: FieldError[] = [];
    if (kind === 'funding') {
      const error = zeroAmountError(
        'type' in input ? input['type'] : current?.['type'],
        'amount' in input ? input['amount'] : current?.['amount'],
        'amount',
      );
      if (error) errors.push(error);
    }
    if (kind === 'milestones') {
      const planned = 'plannedDate' in input ? input['plannedDate'] : current?.['plannedDate'];
      const actual = 'actualDate' in input ? input['actualDate'] : current?.['actualDate'];
      if (!planned && !actual)
        errors.push({
          field: 'plannedDate',
          code: 'isDefined',
          message: 'Indica la fecha prevista o la fecha real.',
        });
    }
    for (const [field, table] of [
      ['milestoneId', 'milestones'],
      ['resultId', 'results'],
    ] as const) {
      const id = input[field];
      if (typeof id === 'string') {
        const rows: unknown[] = await m.query(
          `SELECT 1 FROM ${table} WHERE id = $1 AND action_id = $2`,
          [id, actionId],
        );
        if (!rows.length)
          errors.push({
            field,
            code: 'notFound',
            message: 'El registro no pertenece a esta acción.',
          });
      }
    }
    if (input['milestoneId'] && input['resultId']) {
      errors.push({
        field: 'resultId',
        code: 'exclusive',
        message: 'Un documento pertenece a un hito o a un resultado, no a ambos.',
      });
    }
    if (errors.length) throw invalid(errors);
  }

  /** Locks the action row; refuses changes to archived or missing actions. */
  async lockAction(m: EntityManager, actionId: string): Promise<void> {
    const rows: { archived: boolean }[] = await m.query(
      `SELECT archived_at IS NOT NULL AS archived FROM actions WHERE id = $1 FOR NO KEY UPDATE`,
      [actionId],
    );
    if (!rows[0]) throw AppError.notFound('ACTION_NOT_FOUND');
    if (rows[0].archived) throw new AppError(HttpStatus.CONFLICT, 'ACTION_ARCHIVED');
  }

  /**
   * Moves the action's last update. Counted as a touch (`actions_touched`, migration
   * CountActionTouchesApart), not as a change to actions: the dashboards and the organisation
   * directory, which show neither column, keep their answers.
   */
  private async touchAction(m: EntityManager, actionId: string, actor: Actor) {
    await m.query(`SELECT set_config('${TOUCH_SETTING}', 'on', true)`);
    await m.query(`UPDATE actions SET updated_at = now(), updated_by = $2 WHERE id = $1`, [
      actionId,
      actor.id,
    ]);
  }

  async add(
    m: EntityManager,
    actor: Actor,
    kind: Exclude<PartKind, 'indicators'>,
    actionId: string,
    input: object,
    parentId?: string,
  ) {
    if (kind === 'results') return this.addResult(m, actor, actionId, input as ResultInput);
    await this.assertPartReferences(m, kind, actionId, input as Input);
    const { target, name } = ENTITIES[kind];
    if (kind === 'participations') {
      const p = input as { organisationId: string; role: string };
      const dup: unknown[] = await m.query(
        `SELECT 1 FROM participations WHERE action_id = $1 AND organisation_id = $2 AND role = $3`,
        [actionId, p.organisationId, p.role],
      );
      if (dup.length) throw new AppError(HttpStatus.CONFLICT, 'PARTICIPATION_EXISTS');
    }
    const saved = await this.versioned.createRow(m, actor, {
      entity: target,
      target: { entity: name, actionId },
      values: { ...input, actionId, ...(parentId ? { resultId: parentId } : {}) },
    });
    await this.touchAction(m, actionId, actor);
    return saved;
  }

  async addResult(m: EntityManager, actor: Actor, actionId: string, input: ResultInput) {
    const { indicators, ...fields } = input;
    const saved = await this.versioned.createRow(m, actor, {
      entity: Result,
      target: { entity: 'result', actionId },
      values: { ...fields, actionId },
    });
    for (const indicator of indicators ?? [])
      await this.addIndicator(m, actor, actionId, saved.id, indicator);
    await this.touchAction(m, actionId, actor);
    return saved;
  }

  async addIndicator(
    m: EntityManager,
    actor: Actor,
    actionId: string,
    resultId: string,
    input: object,
  ) {
    const found: unknown[] = await m.query(
      `SELECT 1 FROM results WHERE id = $1 AND action_id = $2`,
      [resultId, actionId],
    );
    if (!found.length) throw AppError.notFound('RECORD_NOT_FOUND');
    return this.versioned.createRow(m, actor, {
      entity: Indicator,
      target: { entity: 'indicator', actionId },
      values: { ...input, resultId },
    });
  }

  private ownerCondition(kind: PartKind): string {
    return kind === 'indicators'
      ? 'id = :id AND result_id IN (SELECT r.id FROM results r WHERE r.action_id = :actionId)'
      : 'id = :id AND action_id = :actionId';
  }

  /** A part of the action as stored (404 RECORD_NOT_FOUND when it is not one of its parts). */
  private async findPart(m: EntityManager, kind: PartKind, actionId: string, id: string) {
    const { target, name } = ENTITIES[kind];
    const before = await m
      .getRepository(target)
      .createQueryBuilder()
      .where(this.ownerCondition(kind), { id, actionId })
      .getOne();
    if (!before) throw AppError.notFound('RECORD_NOT_FOUND');
    return { target, name, before };
  }

  async update(
    m: EntityManager,
    actor: Actor,
    kind: PartKind,
    actionId: string,
    id: string,
    input: Input,
    version: number,
  ) {
    const { target, name, before } = await this.findPart(m, kind, actionId, id);
    await this.assertPartReferences(m, kind, actionId, input, before);
    const { version: _v, ...changes } = input;
    if (kind === 'participations' && (changes['organisationId'] || changes['role'])) {
      const dup: unknown[] = await m.query(
        `SELECT 1 FROM participations WHERE action_id = $1 AND organisation_id = $2 AND role = $3 AND id <> $4`,
        [
          actionId,
          changes['organisationId'] ?? before['organisationId'],
          changes['role'] ?? before['role'],
          id,
        ],
      );
      if (dup.length) throw new AppError(HttpStatus.CONFLICT, 'PARTICIPATION_EXISTS');
    }
    const after = await this.versioned.updateRow(m, actor, {
      entity: target,
      target: { entity: name, actionId },
      before,
      changes,
      version,
    });
    await this.touchAction(m, actionId, actor);
    return after;
  }

  async remove(
    m: EntityManager,
    actor: Actor,
    kind: PartKind,
    actionId: string,
    id: string,
    version?: number,
  ) {
    const { target, name, before } = await this.findPart(m, kind, actionId, id);
    await this.versioned.removeRow(m, actor, {
      entity: target,
      target: { entity: name, actionId },
      before,
      version,
    });
    await this.touchAction(m, actionId, actor);
  }
}
