import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { AppError, ErrorCode } from '../common/errors';
import { AGREEMENT_COLUMNS, AGREEMENT_OVERDUE_SQL, LATEST_NOTE } from './board-queries';
import { assertVersion, changesOf, VersionedWriter } from '../common/versioned-write';
import type {
  AgendaItemInput,
  AgreementInput,
  AgreementListQueryDto,
  NoteInput,
  SessionInput,
} from './board.dto';
import type { BoardAgreementDetailDto, BoardAgreementDto } from './board-response.dto';
import {
  BoardAgendaItem,
  BoardAgreement,
  BoardAgreementNote,
  BoardSession,
} from './board.entities';

/** A board table as its writes name it: entity, audit name, 404 code, unique constraint → 409. */
interface BoardRecord<T extends ObjectLiteral> {
  target: EntityTarget<T>;
  entity: string;
  notFound: ErrorCode;
  unique?: [constraint: string, code: ErrorCode];
}

const record = <T extends ObjectLiteral>(
  target: EntityTarget<T>,
  entity: string,
  notFound: ErrorCode,
  unique?: BoardRecord<T>['unique'],
): BoardRecord<T> => ({ target, entity, notFound, unique });

const SESSIONS = record(BoardSession, 'board_session', 'BOARD_SESSION_NOT_FOUND', [
  'board_sessions_number_key',
  'BOARD_SESSION_EXISTS',
]);
const AGENDA_ITEMS = record(BoardAgendaItem, 'board_agenda_item', 'RECORD_NOT_FOUND');
const AGREEMENTS = record(BoardAgreement, 'board_agreement', 'BOARD_AGREEMENT_NOT_FOUND', [
  'board_agreements_code_key',
  'BOARD_AGREEMENT_EXISTS',
]);
const NOTES = record(BoardAgreementNote, 'board_agreement_note', 'RECORD_NOT_FOUND');

/** Board sessions, their agenda, agreements and follow-up notes (every write audited). */
@Injectable()
export class BoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versioned: VersionedWriter,
  ) {}

  listSessions(instituteId?: string) {
    return this.dataSource.getRepository(BoardSession).find({
      where: instituteId ? { instituteId } : {},
      order: { heldOn: 'DESC', number: 'DESC' },
    });
  }

  async session(id: string) {
    const session = await this.dataSource.getRepository(BoardSession).findOne({ where: { id } });
    if (!session) throw AppError.notFound('BOARD_SESSION_NOT_FOUND');
    const agendaItems = await this.dataSource
      .getRepository(BoardAgendaItem)
      .find({ where: { sessionId: id }, order: { position: 'ASC', createdAt: 'ASC' } });
    const agreements = await this.agreements({}, id);
    return { ...session, agendaItems, agreements };
  }

  private async assertInstitute(m: EntityManager, id: string | undefined) {
    if (!id) return;
    const rows: unknown[] = await m.query(`SELECT 1 FROM organisations WHERE id = $1`, [id]);
    if (!rows.length)
      throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
        { field: 'instituteId', code: 'notFound', message: 'La organización no existe.' },
      ]);
  }

  private async assertActions(m: EntityManager, ids: string[] | undefined) {
    if (!ids?.length) return;
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM actions WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const found = new Set(rows.map((r) => r.id));
    const errors = ids
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ i }) => ({
        field: `actionIds[${i}]`,
        code: 'notFound',
        message: 'La acción no existe.',
      }));
    if (errors.length) throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', errors);
  }

  /** A unique violation of the record's constraint becomes its 409; anything else is rethrown. */
  private conflictOf<T extends ObjectLiteral>(record: BoardRecord<T>, error: unknown): unknown {
    const unique = record.unique;
    if (unique && isUniqueViolation(error, unique[0]))
      return new AppError(HttpStatus.CONFLICT, unique[1]);
    return error;
  }

  private async create<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    record: BoardRecord<T>,
    values: object,
  ): Promise<T> {
    try {
      return await this.versioned.createRow(m, actor, {
        entity: record.target,
        target: { entity: record.entity },
        values,
      });
    } catch (error) {
      throw this.conflictOf(record, error);
    }
  }

  /** The record as stored (404 with the record's own code when there is none). */
  private async find<T extends ObjectLiteral>(
    m: EntityManager,
    record: BoardRecord<T>,
    where: Record<string, string>,
  ): Promise<T> {
    const found = await m.getRepository(record.target).findOne({ where: where as never });
    if (!found) throw AppError.notFound(record.notFound);
    return found;
  }

  private async update<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    record: BoardRecord<T>,
    where: Record<string, string>,
    changes: object,
    version: number,
  ): Promise<T> {
    const before = await this.find(m, record, where);
    assertVersion(before, version);
    try {
      return await this.versioned.updateRow(m, actor, {
        entity: record.target,
        target: { entity: record.entity },
        before,
        changes: changesOf(changes),
        version,
      });
    } catch (error) {
      throw this.conflictOf(record, error);
    }
  }

  private async remove<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    record: BoardRecord<T>,
    where: Record<string, string>,
    version: number | undefined,
  ) {
    await this.versioned.removeRow(m, actor, {
      entity: record.target,
      target: { entity: record.entity },
      before: await this.find(m, record, where),
      version,
    });
  }

  createSession(actor: Actor, input: SessionInput) {
    return inTransaction(this.dataSource, async (m) => {
      await this.assertInstitute(m, input.instituteId);
      return this.create(m, actor, SESSIONS, input);
    });
  }

  updateSession(actor: Actor, id: string, input: Partial<SessionInput>, version: number) {
    return inTransaction(this.dataSource, async (m) => {
      await this.assertInstitute(m, input.instituteId);
      if (input.instituteId) {
        const used: unknown[] = await m.query(
          `SELECT 1 FROM board_agreements WHERE session_id = $1 AND institute_id <> $2`,
          [id, input.instituteId],
        );
        if (used.length) throw new AppError(HttpStatus.CONFLICT, 'BOARD_SESSION_IN_USE');
      }
      return this.update(m, actor, SESSIONS, { id }, input, version);
    });
  }

  removeSession(actor: Actor, id: string, version?: number) {
    return inTransaction(this.dataSource, async (m) => {
      const used: unknown[] = await m.query(
        `SELECT 1 FROM board_agreements WHERE session_id = $1 LIMIT 1`,
        [id],
      );
      if (used.length) throw new AppError(HttpStatus.CONFLICT, 'BOARD_SESSION_IN_USE');
      await this.remove(m, actor, SESSIONS, { id }, version);
    });
  }

  private async lockSession(m: EntityManager, id: string): Promise<BoardSession> {
    const rows: BoardSession[] = await m
      .getRepository(BoardSession)
      .createQueryBuilder('s')
      .where('s.id = :id', { id })
      .setLock('pessimistic_read')
      .getMany();
    if (!rows[0]) throw AppError.notFound('BOARD_SESSION_NOT_FOUND');
    return rows[0];
  }

  addAgendaItem(actor: Actor, sessionId: string, input: AgendaItemInput) {
    return inTransaction(this.dataSource, async (m) => {
      await this.lockSession(m, sessionId);
      await this.assertActions(m, input.actionIds);
      return this.create(m, actor, AGENDA_ITEMS, { ...input, sessionId });
    });
  }

  updateAgendaItem(
    actor: Actor,
    sessionId: string,
    id: string,
    input: Partial<AgendaItemInput>,
    version: number,
  ) {
    return inTransaction(this.dataSource, async (m) => {
      await this.assertActions(m, input.actionIds);
      return this.update(m, actor, AGENDA_ITEMS, { id, sessionId }, input, version);
    });
  }

  removeAgendaItem(actor: Actor, sessionId: string, id: string, version?: number) {
    return inTransaction(this.dataSource, (m) =>
      this.remove(m, actor, AGENDA_ITEMS, { id, sessionId }, version),
    );
  }

  /** Agreements with their latest note (by date, then entry). */
  async agreements(query: AgreementListQueryDto, sessionId?: string): Promise<BoardAgreementDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (sessionId) where.push(`g.session_id = $${params.push(sessionId)}`);
    if (query.instituteId) where.push(`g.institute_id = $${params.push(query.instituteId)}`);
    if (query.status) where.push(`g.status = $${params.push(query.status)}`);
    if (query.overdue !== undefined)
      where.push(`${query.overdue ? '' : 'NOT '}coalesce(${AGREEMENT_OVERDUE_SQL}, false)`);
    return this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM board_agreements g JOIN board_sessions s ON s.id = g.session_id
       ${LATEST_NOTE}
       WHERE ${where.length ? where.join(' AND ') : 'TRUE'}
       ORDER BY s.held_on, g.code`,
      params,
    );
  }

  async agreement(id: string): Promise<BoardAgreementDetailDto> {
    const rows: BoardAgreementDto[] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM board_agreements g JOIN board_sessions s ON s.id = g.session_id
       ${LATEST_NOTE} WHERE g.id = $1`,
      [id],
    );
    if (!rows[0]) throw AppError.notFound('BOARD_AGREEMENT_NOT_FOUND');
    const notes = await this.notes(id);
    return { ...rows[0], notes };
  }

  addAgreement(actor: Actor, sessionId: string, input: AgreementInput) {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      return this.create(m, actor, AGREEMENTS, {
        status: 'open',
        ...input,
        sessionId,
        instituteId: session.instituteId,
      });
    });
  }

  updateAgreement(actor: Actor, id: string, input: Partial<AgreementInput>, version: number) {
    return inTransaction(this.dataSource, (m) =>
      this.update(m, actor, AGREEMENTS, { id }, input, version),
    );
  }

  removeAgreement(actor: Actor, id: string, version?: number) {
    return inTransaction(this.dataSource, (m) =>
      this.remove(m, actor, AGREEMENTS, { id }, version),
    );
  }

  async notes(agreementId: string) {
    return this.dataSource.getRepository(BoardAgreementNote).find({
      where: { agreementId },
      order: { notedOn: 'DESC', createdAt: 'DESC' },
    });
  }

  /** A follow-up note; a note with a status also sets the agreement's status. */
  addNote(actor: Actor, agreementId: string, input: NoteInput) {
    return inTransaction(this.dataSource, async (m) => {
      const repo = m.getRepository(BoardAgreement);
      const agreement = await repo.findOne({
        where: { id: agreementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!agreement) throw AppError.notFound('BOARD_AGREEMENT_NOT_FOUND');
      const note = await this.create(m, actor, NOTES, { ...input, agreementId });
      if (input.status && input.status !== agreement.status) {
        const status = { status: input.status };
        await this.update(m, actor, AGREEMENTS, { id: agreementId }, status, agreement.version);
      }
      return note;
    });
  }

  removeNote(actor: Actor, agreementId: string, id: string) {
    return inTransaction(this.dataSource, (m) =>
      this.remove(m, actor, NOTES, { id, agreementId }, undefined),
    );
  }
}
