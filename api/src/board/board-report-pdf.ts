import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { Locale } from '../common/errors';
import { humanDate, humanDay } from '../common/human-dates';
import { withFallbackFonts } from '../common/pdf-fonts';
import { stampPages } from '../common/pdf-pages';
import { labelOf } from '../common/vocabulary';
import type { ActionReport, AgreementRow, BoardReport } from './board-report';

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

type Labels = (typeof L)[Locale];

/** What the sections of the PDF write with: the document, its labels and two text helpers. */
interface Pdf {
  doc: PDFKit.PDFDocument;
  t: Labels;
  lang: Locale;
  width: number;
  heading(text: string): void;
  line(text: string, indent?: number): void;
}

function sessionNameOf(report: BoardReport, t: Labels): string {
  const { kind, number, year } = report.session;
  const sessionKind = labelOf('sessionKind', kind, report.lang);
  return report.lang === 'es'
    ? `${t.kind} ${sessionKind.toLowerCase()} ${number} de ${year}`
    : `${sessionKind} ${t.kind} ${number} of ${year}`;
}

function newPdf(report: BoardReport): Pdf {
  const t = L[report.lang];
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
  return {
    doc,
    t,
    lang: report.lang,
    width,
    heading: (text) => {
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc
        .moveDown(0.8)
        .font('Helvetica-Bold')
        .fontSize(12)
        .fillColor('#1f3a5f')
        .text(text, { width });
      doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('black');
    },
    line: (text, indent = 0) => {
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(text, doc.page.margins.left + indent, undefined, { width: width - indent });
    },
  };
}

function writeTitle({ doc, t, lang, width }: Pdf, report: BoardReport, sessionName: string) {
  const d = (date: string | null | undefined) => humanDate(date, lang);
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
}

function writeAction(pdf: Pdf, a: ActionReport) {
  const { doc, t, lang, width, line } = pdf;
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc
    .moveDown(0.4)
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(`${a.code} — ${a.title}`, doc.page.margins.left, undefined, { width });
  line(`${t.item} ${a.agendaPositions.join(', ')}`);
  if (a.progress) line(`${t.progress}: ${a.progress.percent} % — ${a.progress.label}`);
  const group = (title: string, items: string[]) => {
    if (!items.length) return false;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(title, doc.page.margins.left + 10);
    for (const item of items) line(`• ${item}`, 20);
    return true;
  };
  let any = false;
  for (const key of ['milestones', 'funding', 'results', 'stages'] as const) {
    const changes = [
      ...a[key].new.map((c) => `${c.summary} — ${t.new}, ${humanDay(c.at, lang)}`),
      ...a[key].updated.map((c) => `${c.summary} — ${t.updated}, ${humanDay(c.at, lang)}`),
    ];
    any = group(t[key], changes) || any;
  }
  any =
    group(
      t.deleted,
      a.deleted.map((c) => `${c.summary} — ${humanDay(c.at, lang)}`),
    ) || any;
  if (!any) line(t.noChanges, 10);
  line(`${a.auditEntries} ${t.changes}`, 10);
}

function writeAgreement({ doc, t, lang, width, line }: Pdf, g: AgreementRow) {
  const d = (date: string | null | undefined) => humanDate(date, lang);
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc
    .moveDown(0.3)
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(
      `${g.code} — ${labelOf('agreementStatus', g.status, lang)}`,
      doc.page.margins.left,
      undefined,
      {
        width,
      },
    );
  line(g.text);
  if (g.responsible) line(`${t.responsible}: ${g.responsible}`, 10);
  if (g.dueDate) line(`${t.due}: ${d(g.dueDate)}`, 10);
  if (g.latestNote) line(`${t.latest} (${d(g.latestNote.notedOn)}): ${g.latestNote.text}`, 10);
}

/** The report as a print-ready A4 PDF (Helvetica: Latin-1 accents). */
export function renderBoardReport(report: BoardReport, generatedAt = new Date()): Readable {
  const pdf = newPdf(report);
  const { t, heading, line } = pdf;
  const sessionName = sessionNameOf(report, t);
  writeTitle(pdf, report, sessionName);
  heading(t.actions);
  if (!report.actions.length) line(t.noActions);
  for (const a of report.actions) writeAction(pdf, a);
  heading(t.agreements);
  if (!report.agreements.length) line(t.none);
  for (const g of report.agreements) writeAgreement(pdf, g);
  heading(t.open);
  if (!report.openAgreements.length) line(t.none);
  for (const g of report.openAgreements) writeAgreement(pdf, g);
  // Header and footer on every sheet: institute and session, generation day, page numbers.
  const generated = humanDay(generatedAt, report.lang);
  stampPages(
    pdf.doc,
    pdf.width,
    `${report.session.institute} · ${sessionName}`,
    (page, pages) => `${t.generated} ${generated} · ${t.page} ${page} ${t.of} ${pages}`,
  );
  pdf.doc.end();
  return pdf.doc as unknown as Readable;
}
