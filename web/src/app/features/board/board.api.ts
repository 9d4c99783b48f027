import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  AgendaItem,
  AgendaItemRequest,
  Agreement,
  AgreementDetail,
  AgreementNote,
  AgreementRecord,
  AgreementRequest,
  AgreementStatus,
  BoardReport,
  BoardSession,
  BoardSessionDetail,
  NoteRequest,
  SessionRequest,
} from '../../core/api/models';

const SESSIONS = '/api/v1/board-sessions';
const AGREEMENTS = '/api/v1/board-agreements';
const id = encodeURIComponent;

/** Board follow-up (api/src/board): staff write, directors read; versions guard every update. */
@Injectable({ providedIn: 'root' })
export class BoardApi {
  private readonly http = inject(HttpClient);

  sessions(): Observable<BoardSession[]> {
    return this.http.get<BoardSession[]>(SESSIONS);
  }

  session(sessionId: string): Observable<BoardSessionDetail> {
    return this.http.get<BoardSessionDetail>(`${SESSIONS}/${id(sessionId)}`);
  }

  createSession(body: SessionRequest): Observable<BoardSession> {
    return this.http.post<BoardSession>(SESSIONS, body);
  }

  updateSession(
    sessionId: string,
    body: Partial<SessionRequest> & { version: number },
  ): Observable<BoardSession> {
    return this.http.patch<BoardSession>(`${SESSIONS}/${id(sessionId)}`, body);
  }

  removeSession(sessionId: string, version: number): Observable<void> {
    return this.http.delete<void>(`${SESSIONS}/${id(sessionId)}`, {
      params: { version: String(version) },
    });
  }

  addAgendaItem(sessionId: string, body: AgendaItemRequest): Observable<AgendaItem> {
    return this.http.post<AgendaItem>(`${SESSIONS}/${id(sessionId)}/agenda-items`, body);
  }

  updateAgendaItem(
    sessionId: string,
    itemId: string,
    body: Partial<AgendaItemRequest> & { version: number },
  ): Observable<AgendaItem> {
    return this.http.patch<AgendaItem>(
      `${SESSIONS}/${id(sessionId)}/agenda-items/${id(itemId)}`,
      body,
    );
  }

  removeAgendaItem(sessionId: string, itemId: string, version: number): Observable<void> {
    return this.http.delete<void>(`${SESSIONS}/${id(sessionId)}/agenda-items/${id(itemId)}`, {
      params: { version: String(version) },
    });
  }

  addAgreement(sessionId: string, body: AgreementRequest): Observable<AgreementRecord> {
    return this.http.post<AgreementRecord>(`${SESSIONS}/${id(sessionId)}/agreements`, body);
  }

  agreements(status?: AgreementStatus): Observable<Agreement[]> {
    return this.http.get<Agreement[]>(AGREEMENTS, { params: status ? { status } : {} });
  }

  agreement(agreementId: string): Observable<AgreementDetail> {
    return this.http.get<AgreementDetail>(`${AGREEMENTS}/${id(agreementId)}`);
  }

  updateAgreement(
    agreementId: string,
    body: Partial<AgreementRequest> & { version: number },
  ): Observable<AgreementRecord> {
    return this.http.patch<AgreementRecord>(`${AGREEMENTS}/${id(agreementId)}`, body);
  }

  removeAgreement(agreementId: string, version: number): Observable<void> {
    return this.http.delete<void>(`${AGREEMENTS}/${id(agreementId)}`, {
      params: { version: String(version) },
    });
  }

  addNote(agreementId: string, body: NoteRequest): Observable<AgreementNote> {
    return this.http.post<AgreementNote>(`${AGREEMENTS}/${id(agreementId)}/notes`, body);
  }

  removeNote(agreementId: string, noteId: string): Observable<void> {
    return this.http.delete<void>(`${AGREEMENTS}/${id(agreementId)}/notes/${id(noteId)}`);
  }

  report(sessionId: string, lang: 'es' | 'en'): Observable<BoardReport> {
    return this.http.get<BoardReport>(`${SESSIONS}/${id(sessionId)}/report`, {
      params: { lang },
    });
  }
}

/** The PDF's address, for a plain download link (the session cookie goes with it). */
export function reportPdfUrl(sessionId: string, lang: 'es' | 'en'): string {
  return `${SESSIONS}/${id(sessionId)}/report.pdf?lang=${lang}`;
}
