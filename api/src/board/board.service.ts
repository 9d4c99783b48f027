import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditService } from '../audit/audit.service';
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

/** Board sessions, their agenda, agreements and follow-up notes (every write audited). */
@Injectable()
export class BoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
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

  private async create<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    target: EntityTarget<T>,
    entity: string,
    values: object,
    unique?: [string, ErrorCode],
  ): Promise<T> {
    const repo = m.getRepository(target);
    let saved: T;
    try {
      saved = await repo.save(repo.create(values as T));
    } catch (error) {
      if (unique && isUniqueViolation(error, unique[0]))
        throw new AppError(HttpStatus.CONFLICT, unique[1]);
      throw error;
    }
    await this.audit.record(m, actor, {
      operation: 'create',
      entity,
      entityId: saved['id'],
      after: saved,
    });
    return saved;
  }

  private async update<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    target: EntityTarget<T>,
    entity: string,
    where: Record<string, string>,
    changes: object,
    version: number,
    notFound: ErrorCode,
    unique?: [string, ErrorCode],
  ): Promise<T> {
    const before = await m.getRepository(target).findOne({ where: where as never });
    if (!before) throw AppError.notFound(notFound);
    assertVersion(before, version);
    try {
      return await this.versioned.updateRow(m, actor, {
        entity: target,
        target: { entity },
        before,
        changes: changesOf(changes),
        version,
      });
    } catch (error) {
      if (unique && isUniqueViolation(error, unique[0]))
        throw new AppError(HttpStatus.CONFLICT, unique[1]);
      throw error;
    }
  }

  private async remove<T extends ObjectLiteral>(
    m: EntityManager,
    actor: Actor,
    target: EntityTarget<T>,
    entity: string,
    where: Record<string, string>,
    version: number | undefined,
    notFound: ErrorCode,
  ) {
    const before = await m.getRepository(target).findOne({ where: where as never });
    if (!before) throw AppError.notFound(notFound);
    await this.versioned.removeRow(m, actor, {
      entity: target,
      target: { entity },
      before,
      version,
    });
  }

  createSession(actor: Actor, input: SessionInput) {
    return inTransaction(this.dataSource, async (m) => {
      await this.assertInstitute(m, input.instituteId);
      return this.create(m, actor, BoardSession, 'board_session', input, [
        'board_sessions_number_key',
        'BOARD_SESSION_EXISTS',
      ]);
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
      return this.update(
        m,
        actor,
        BoardSession,
        'board_session',
        { id },
        input,
        version,
        'BOARD_SESSION_NOT_FOUND',
        ['board_sessions_number_key', 'BOARD_SESSION_EXISTS'],
      );
    });
  }

  removeSession(actor: Actor, id: string, version?: number) {
    return inTransaction(this.dataSource, async (m) => {
      const used: unknown[] = await m.query(
        `SELECT 1 FROM board_agreements WHERE session_id = $1 LIMIT 1`,
        [id],
      );
      if (used.length) throw new AppError(HttpStatus.CONFLICT, 'BOARD_SESSION_IN_USE');
      await this.remove(
        m,
        actor,
        BoardSession,
        'board_session',
        { id },
        version,
        'BOARD_SESSION_NOT_FOUND',
      );
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
      return this.create(m, actor, BoardAgendaItem, 'board_agenda_item', { ...input, sessionId });
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
      return this.update(
        m,
        actor,
        BoardAgendaItem,
        'board_agenda_item',
        { id, sessionId },
        input,
        version,
        'RECORD_NOT_FOUND',
      );
    });
  }

  removeAgendaItem(actor: Actor, sessionId: string, id: string, version?: number) {
    return inTransaction(this.dataSource, (m) =>
      this.remove(
        m,
        actor,
        BoardAgendaItem,
        'board_agenda_item',
        { id, sessionId },
        version,
        'RECORD_NOT_FOUND',
      ),
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
      return this.create(
        m,
        actor,
        BoardAgreement,
        'board_agreement',
        { status: 'open', ...input, sessionId, instituteId: session.instituteId },
        ['board_agreements_code_key', 'BOARD_AGREEMENT_EXISTS'],
      );
    });
  }

  updateAgreement(actor: Actor, id: string, input: Partial<AgreementInput>, version: number) {
    return inTransaction(this.dataSource, (m) =>
      this.update(
        m,
        actor,
        BoardAgreement,
        'board_agreement',
        { id },
        input,
        version,
        'BOARD_AGREEMENT_NOT_FOUND',
        ['board_agreements_code_key', 'BOARD_AGREEMENT_EXISTS'],
      ),
    );
  }

  removeAgreement(actor: Actor, id: string, version?: number) {
    return inTransaction(this.dataSource, (m) =>
      this.remove(
        m,
        actor,
        BoardAgreement,
        'board_agreement',
        { id },
        version,
        'BOARD_AGREEMENT_NOT_FOUND',
      ),
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
      const note = await this.create(m, actor, BoardAgreementNote, 'board_agreement_note', {
        ...input,
        agreementId,
      });
      if (input.status && input.status !== agreement.status)
        await this.update(
          m,
          actor,
          BoardAgreement,
          'board_agreement',
          { id: agreementId },
          { status: input.status },
          agreement.version,
          'BOARD_AGREEMENT_NOT_FOUND',
        );
      return note;
    });
  }

  removeNote(actor: Actor, agreementId: string, id: string) {
    return inTransaction(this.dataSource, (m) =>
      this.remove(
        m,
        actor,
        BoardAgreementNote,
        'board_agreement_note',
        { id, agreementId },
        undefined,
        'RECORD_NOT_FOUND',
      ),
    );
  }
}
