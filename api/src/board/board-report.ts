import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AppError, Locale } from '../common/errors';
import { humanDate, humanDay } from '../common/human-dates';
import { withFallbackFonts } from '../common/pdf-fonts';
import { labelOf, VocabularyGroup } from '../common/vocabulary';
import { ProgressFigure, ProgressService } from '../progress/progress.service';
import type { BoardAgreementDto } from './board-response.dto';
import type { SessionKind } from './board.entities';
import { AGREEMENT_COLUMNS, LATEST_NOTE } from './board.service';

interface Change {
  entity: string;
  entityId: string;
  operation: 'create' | 'update' | 'delete';
  at: string;
  summary: string;
}

export interface ActionReport {
  id: string;
  code: string;
  title: string;
  agendaPositions: number[];
  progress: ProgressFigure | null;
  milestones: { new: Change[]; updated: Change[] };
  funding: { new: Change[]; updated: Change[] };
  results: { new: Change[]; updated: Change[] };
  stages: { new: Change[]; updated: Change[] };
  deleted: Change[];
  auditEntries: number;
}

/** An agreement row of the report (the columns of AGREEMENT_COLUMNS). */
export type AgreementRow = BoardAgreementDto;

export interface BoardReport {
  lang: Locale;
  session: {
    id: string;
    number: number;
    kind: SessionKind;
    year: number;
    heldOn: string;
    title: string;
    institute: string;
  };
  previous: { id: string; heldOn: string; title: string } | null;
  /** Changes counted with a timestamp on a day after the previous session, up to this session's day. */
  window: { from: string | null; to: string };
  actions: ActionReport[];
  agreements: AgreementRow[];
  openAgreements: AgreementRow[];
}

/**
 * Which tables feed each section of an action's changes: `label` describes a row, `code` is the
 * coded value shown from the vocabulary (funding type, stage) and `day` the date written for people.
 */
const TABLES = [
  {
    key: 'milestones',
    table: 'milestones',
    entity: 'milestone',
    label: `t.title`,
    code: `t.type`,
    group: 'milestoneType',
    day: `to_char(coalesce(t.actual_date, t.planned_date), 'YYYY-MM-DD')`,
  },
  {
    key: 'funding',
    table: 'funding',
    entity: 'funding',
    label: `t.amount::text || coalesce(' ' || t.currency, '')`,
    code: `t.type`,
    group: 'fundingType',
    day: `NULL`,
  },
  {
    key: 'results',
    table: 'results',
    entity: 'result',
    label: `t.statement`,
    code: `NULL`,
    group: null,
    day: `NULL`,
  },
  {
    key: 'stages',
    table: 'action_stages',
    entity: 'action_stage',
    label: `''`,
    code: `t.stage`,
    group: 'progressStage',
    day: `to_char(t.reached_on, 'YYYY-MM-DD')`,
  },
] as const;

/** "Taller: Taller nuevo (10 de marzo de 2021)", "Techo (hasta): 1000.00 MXN", "Planeación (…)". */
function changeSummary(
  group: VocabularyGroup | null,
  row: { code: string | null; summary: string; day: string | null },
  lang: Locale,
): string {
  const parts = [group && row.code ? labelOf(group, row.code, lang) : '', row.summary].filter(
    Boolean,
  );
  const text = parts.join(': ');
  return row.day ? `${text} (${humanDate(row.day, lang)})` : text;
}

/** The follow-up report of a board session (JSON and print-ready PDF). */
@Injectable()
export class BoardReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
  ) {}

  async build(sessionId: string, lang: Locale): Promise<BoardReport> {
    const db = this.dataSource;
    const [session]: (BoardReport['session'] & { instituteId: string })[] = await db.query(
      `SELECT s.id, s.number, s.kind, s.year, to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.title,
              s.institute_id AS "instituteId", coalesce(o.acronym, o.name) AS institute
       FROM board_sessions s JOIN organisations o ON o.id = s.institute_id WHERE s.id = $1`,
      [sessionId],
    );
    if (!session) throw AppError.notFound('BOARD_SESSION_NOT_FOUND');
    const [previous]: { id: string; heldOn: string; title: string }[] = await db.query(
      `SELECT id, to_char(held_on, 'YYYY-MM-DD') AS "heldOn", title FROM board_sessions
       WHERE institute_id = $1 AND (held_on, number) < ($2::date, $3) AND id <> $4
       ORDER BY held_on DESC, number DESC LIMIT 1`,
      [session.instituteId, session.heldOn, session.number, session.id],
    );
    const from = previous?.heldOn ?? null;
    const to = session.heldOn;
    // A timestamp counts when its day is after the previous session's and not after this one's.
    const inWindow = (col: string) =>
      `(${col})::date <= $2::date AND ($3::date IS NULL OR (${col})::date > $3::date)`;

    const linked: {
      id: string;
      code: string;
      title_es: string;
      title_en: string | null;
      positions: number[];
    }[] = await db.query(
      `SELECT a.id, a.code, a.title_es, a.title_en, array_agg(DISTINCT i.position ORDER BY i.position) AS positions
         FROM board_agenda_items i CROSS JOIN LATERAL unnest(i.action_ids) aid JOIN actions a ON a.id = aid
         WHERE i.session_id = $1 GROUP BY a.id ORDER BY min(i.position), a.code`,
      [sessionId],
    );
    const progress = await this.progress.progressOf(
      db.manager,
      linked.map((a) => a.id),
      lang,
    );
    const actions: ActionReport[] = [];
    for (const a of linked) {
      const report: ActionReport = {
        id: a.id,
        code: a.code,
        title: lang === 'en' ? (a.title_en ?? a.title_es) : a.title_es,
        agendaPositions: a.positions,
        progress: progress.get(a.id) ?? null,
        milestones: { new: [], updated: [] },
        funding: { new: [], updated: [] },
        results: { new: [], updated: [] },
        stages: { new: [], updated: [] },
        deleted: [],
        auditEntries: 0,
      };
      for (const spec of TABLES) {
        const rows: {
          id: string;
          created: boolean;
          at: Date;
          summary: string;
          code: string | null;
          day: string | null;
        }[] = await db.query(
          `SELECT t.id, ${inWindow('t.created_at')} AS created,
                  CASE WHEN ${inWindow('t.created_at')} THEN t.created_at ELSE t.updated_at END AS at,
                  ${spec.label} AS summary, ${spec.code} AS code, ${spec.day} AS day
           FROM ${spec.table} t WHERE t.action_id = $1
             AND (${inWindow('t.created_at')} OR ${inWindow('t.updated_at')})
           ORDER BY at`,
          [a.id, to, from],
        );
        for (const r of rows) {
          const change: Change = {
            entity: spec.entity,
            entityId: r.id,
            operation: r.created ? 'create' : 'update',
            at: new Date(r.at).toISOString(),
            summary: changeSummary(spec.group, r, lang),
          };
          report[spec.key][r.created ? 'new' : 'updated'].push(change);
        }
      }
      const audit: {
        entity: string;
        entity_id: string;
        operation: Change['operation'];
        at: Date;
        before: Record<string, unknown> | null;
      }[] = await db.query(
        `SELECT entity, entity_id, operation, at, before FROM audit_log
           WHERE action_id = $1 AND ${inWindow('at')} ORDER BY at`,
        [a.id, to, from],
      );
      report.auditEntries = audit.length;
      report.deleted = audit
        .filter((e) => e.operation === 'delete')
        .map((e) => ({
          entity: e.entity,
          entityId: e.entity_id,
          operation: 'delete' as const,
          at: new Date(e.at).toISOString(),
          summary: String(
            e.before?.['title'] ??
              e.before?.['statement'] ??
              (e.before?.['stage']
                ? labelOf('progressStage', String(e.before['stage']), lang)
                : null) ??
              e.entity,
          ),
        }));
      actions.push(report);
    }
    const agreements: AgreementRow[] = await db.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM board_agreements g JOIN board_sessions s ON s.id = g.session_id ${LATEST_NOTE}
       WHERE g.session_id = $1 ORDER BY g.code`,
      [sessionId],
    );
    const openAgreements: AgreementRow[] = await db.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM board_agreements g JOIN board_sessions s ON s.id = g.session_id ${LATEST_NOTE}
       WHERE g.institute_id = $1 AND g.status IN ('open', 'in_progress') AND s.held_on <= $2::date
       ORDER BY s.held_on, g.code`,
      [session.instituteId, session.heldOn],
    );
    const { instituteId: _i, ...sessionOut } = session;
    return {
      lang,
      session: sessionOut,
      previous: previous ?? null,
      window: { from, to },
      actions,
      agreements,
      openAgreements,
    };
  }
}

const L = {
  es: {
    title: 'Informe de seguimiento de la Junta Directiva',
    session: 'Sesión',
    held: 'Celebrada el',
    previous: 'Cambios desde la sesión anterior',
    noPrevious: 'Primera sesión registrada: se listan todos los cambios hasta esta fecha.',
    actions: 'Acciones en el orden del día',
    noActions: 'Ningún punto del orden del día se refiere a acciones registradas.',
    item: 'Punto',
    progress: 'Avance',
    milestones: 'Hitos',
    funding: 'Financiamiento',
    results: 'Resultados',
    stages: 'Etapas de avance',
    new: 'nuevo',
    updated: 'actualizado',
    deleted: 'Eliminados',
    noChanges: 'Sin cambios en el periodo.',
    changes: 'cambios registrados en la bitácora',
    agreements: 'Acuerdos de esta sesión',
    open: 'Acuerdos pendientes',
    none: 'Sin registros.',
    responsible: 'Responsable',
    due: 'Fecha compromiso',
    latest: 'Último seguimiento',
    page: 'Página',
    of: 'de',
    generated: 'Generado el',
    kind: 'Sesión',
  },
  en: {
    title: 'Board follow-up report',
    session: 'Session',
    held: 'Held on',
    previous: 'Changes since the previous session',
    noPrevious: 'First session recorded: every change up to this date is listed.',
    actions: 'Actions on the agenda',
    noActions: 'No agenda item refers to tracked actions.',
    item: 'Item',
    progress: 'Progress',
    milestones: 'Milestones',
    funding: 'Funding',
    results: 'Results',
    stages: 'Progress stages',
    new: 'new',
    updated: 'updated',
    deleted: 'Deleted',
    noChanges: 'No changes in the period.',
    changes: 'changes in the audit log',
    agreements: 'Agreements of this session',
    open: 'Pending agreements',
    none: 'None.',
    responsible: 'Responsible',
    due: 'Due date',
    latest: 'Latest follow-up',
    page: 'Page',
    of: 'of',
    generated: 'Generated on',
    kind: 'session',
  },
};

/** `junta-2023-ordinaria-12.pdf` / `board-2023-ordinary-12.pdf`: the file name in the report's language. */
export function boardReportFileName(
  session: Pick<BoardReport['session'], 'year' | 'kind' | 'number'>,
  lang: Locale,
): string {
  const kind = labelOf('sessionKind', session.kind, lang).toLowerCase();
  return `${lang === 'en' ? 'board' : 'junta'}-${session.year}-${kind}-${session.number}.pdf`;
}

/** The report as a print-ready A4 PDF (Helvetica: Latin-1 accents). */
export function renderBoardReport(report: BoardReport, generatedAt = new Date()): Readable {
  const t = L[report.lang];
  const lang = report.lang;
  const d = (date: string | null | undefined) => humanDate(date, lang);
  const sessionKind = labelOf('sessionKind', report.session.kind, lang);
  const sessionName =
    lang === 'es'
      ? `${t.kind} ${sessionKind.toLowerCase()} ${report.session.number} de ${report.session.year}`
      : `${sessionKind} ${t.kind} ${report.session.number} of ${report.session.year}`;
  const doc = withFallbackFonts(
    new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      info: {
        Title: `${t.title} — ${report.session.title}`,
        Author: report.session.institute,
        Creator: 'Coopera',
      },
      lang: report.lang,
    }),
  );
  const width = doc.page.width - 112;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor('#1f3a5f')
      .text(text, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('black');
  };
  const line = (text: string, indent = 0) =>
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(text, doc.page.margins.left + indent, undefined, { width: width - indent });

  doc.font('Helvetica-Bold').fontSize(16).text(t.title, { width });
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(`${report.session.institute} — ${report.session.title}`, { width });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`${sessionName} · ${t.held} ${d(report.session.heldOn)}`, { width });
  doc
    .font('Helvetica-Oblique')
    .text(
      report.previous
        ? `${t.previous}: ${report.previous.title} (${d(report.previous.heldOn)}).`
        : t.noPrevious,
      { width },
    );

  heading(t.actions);
  if (!report.actions.length) line(t.noActions);
  for (const a of report.actions) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc
      .moveDown(0.4)
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(`${a.code} — ${a.title}`, doc.page.margins.left, undefined, { width });
    line(`${t.item} ${a.agendaPositions.join(', ')}`);
    if (a.progress) line(`${t.progress}: ${a.progress.percent} % — ${a.progress.label}`);
    let any = false;
    for (const key of ['milestones', 'funding', 'results', 'stages'] as const) {
      const changes = [
        ...a[key].new.map((c) => ({ c, tag: t.new })),
        ...a[key].updated.map((c) => ({ c, tag: t.updated })),
      ];
      if (!changes.length) continue;
      any = true;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(t[key], doc.page.margins.left + 10);
      for (const { c, tag } of changes)
        line(`• ${c.summary} — ${tag}, ${humanDay(c.at, lang)}`, 20);
    }
    if (a.deleted.length) {
      any = true;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(t.deleted, doc.page.margins.left + 10);
      for (const c of a.deleted) line(`• ${c.summary} — ${humanDay(c.at, lang)}`, 20);
    }
    if (!any) line(t.noChanges, 10);
    line(`${a.auditEntries} ${t.changes}`, 10);
  }

  const agreementBlock = (g: AgreementRow) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(
        `${g.code} — ${labelOf('agreementStatus', g.status, lang)}`,
        doc.page.margins.left,
        undefined,
        { width },
      );
    line(g.text);
    if (g.responsible) line(`${t.responsible}: ${g.responsible}`, 10);
    if (g.dueDate) line(`${t.due}: ${d(g.dueDate)}`, 10);
    if (g.latestNote) line(`${t.latest} (${d(g.latestNote.notedOn)}): ${g.latestNote.text}`, 10);
  };
  heading(t.agreements);
  if (!report.agreements.length) line(t.none);
  report.agreements.forEach(agreementBlock);
  heading(t.open);
  if (!report.openAgreements.length) line(t.none);
  report.openAgreements.forEach(agreementBlock);

  // Header and footer on every sheet: institute and session, generation day, page numbers.
  const range = doc.bufferedPageRange();
  const generated = humanDay(generatedAt, lang);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { top, bottom, left } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#666666');
    doc.text(`${report.session.institute} · ${sessionName}`, left, 28, {
      width,
      lineBreak: false,
    });
    doc.text(
      `${t.generated} ${generated} · ${t.page} ${i + 1} ${t.of} ${range.count}`,
      left,
      doc.page.height - 40,
      { width, align: 'right', lineBreak: false },
    );
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc as unknown as Readable;
}
