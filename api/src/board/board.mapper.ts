import type {
  BoardAgendaItem,
  BoardAgreement,
  BoardAgreementNote,
  BoardSession,
} from './board.entities';
import type {
  BoardAgendaItemDto,
  BoardAgreementNoteDto,
  BoardAgreementRecordDto,
  BoardSessionDto,
} from './board-response.dto';

/* Stored board rows → the response DTOs (only the fields the DTO names ever leave the API). */

export function toBoardSessionDto(s: BoardSession): BoardSessionDto {
  return {
    id: s.id,
    instituteId: s.instituteId,
    number: s.number,
    kind: s.kind,
    year: s.year,
    heldOn: s.heldOn,
    title: s.title,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function toBoardAgendaItemDto(i: BoardAgendaItem): BoardAgendaItemDto {
  return {
    id: i.id,
    sessionId: i.sessionId,
    position: i.position,
    title: i.title,
    actionIds: i.actionIds,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

export function toBoardAgreementRecordDto(a: BoardAgreement): BoardAgreementRecordDto {
  return {
    id: a.id,
    instituteId: a.instituteId,
    sessionId: a.sessionId,
    code: a.code,
    text: a.text,
    responsible: a.responsible,
    dueDate: a.dueDate,
    status: a.status,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function toBoardAgreementNoteDto(n: BoardAgreementNote): BoardAgreementNoteDto {
  return {
    id: n.id,
    agreementId: n.agreementId,
    notedOn: n.notedOn,
    status: n.status,
    text: n.text,
    createdAt: n.createdAt,
  };
}
