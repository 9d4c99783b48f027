/* The project sheet's sections, each drawn by one function on a shared writer (same order as the sheet). */
import type { ActionDetailDto } from '../actions/dto/action-response.dto';
import { humanDate } from '../common/human-dates';
import { labelOf, type Lang, type VocabularyGroup } from '../common/vocabulary';
import type { ThemeLabels } from '../themes/themes.service';
import { SHEET_LABELS, type SheetLabels } from './project-sheet-labels';
import { fundingByCurrency, groupThousands, plannedDisbursements } from './project-sheet-money';
import type { Converted } from './project-sheet';

type Precision = 'day' | 'month' | 'year';

/** The document and the small helpers every section uses. */
export interface SheetWriter {
  doc: PDFKit.PDFDocument;
  lang: Lang;
  t: SheetLabels;
  /** Text width inside the margins. */
  width: number;
  /** A coded value's label, or "not stated". */
  v(group: VocabularyGroup, code: string | null | undefined): string;
  /** A date as people write it, at its precision. */
  d(date: string | null | undefined, precision?: string | null): string;
  range(from: string | null, to: string | null): string;
  heading(text: string): void;
  field(label: string, value: string | null | undefined): void;
}

export function sheetWriter(doc: PDFKit.PDFDocument, lang: Lang): SheetWriter {
  const t = SHEET_LABELS[lang];
  return {
    doc,
    lang,
    t,
    width: doc.page.width - 112,
    v: (group, code) => labelOf(group, code, lang) || t.notStated,
    d: (date, precision) => humanDate(date, lang, (precision ?? 'day') as Precision),
    range: (from, to) => (from || to ? `${from || '…'} – ${to || '…'}` : t.notStated),
    heading: (text) => {
      if (doc.y > doc.page.height - 140) doc.addPage();
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#1f3a5f').text(text);
      doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('black');
    },
    field: (label, value) => {
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true });
      doc.font('Helvetica').text(value && value.trim() ? value : t.notStated);
    },
  };
}

export function writeTitle({ doc, t, width }: SheetWriter, action: ActionDetailDto): void {
  doc.font('Helvetica-Bold').fontSize(16).text(t.title, { width });
  doc.font('Helvetica-Bold').fontSize(13).text(action.titleEs, { width });
  if (action.titleEn) doc.font('Helvetica-Oblique').fontSize(11).text(action.titleEn, { width });
  doc.font('Helvetica').fontSize(10);
}

export function writeIdentification(
  w: SheetWriter,
  action: ActionDetailDto,
  themes: ThemeLabels,
): void {
  const { t, v, d, field } = w;
  w.heading(t.identification);
  field(t.code, action.code);
  field(t.kind, v('kind', action.kind));
  field(t.status, v('status', action.status));
  field(t.role, v('instituteRole', action.instituteRole));
  field(t.scheme, v('scheme', action.scheme));
  field(t.modality, v('modality', action.modality));
  field(t.themes, action.themes.map((code) => themes.label(code, w.lang)).join(', '));
  field(t.sdgs, action.sdgs.join(', '));
  field(t.municipalities, action.municipalities.join(', '));
  field(t.unit, action.unit);
  field(t.planned, w.range(d(action.plannedStart), d(action.plannedEnd)));
  field(
    t.actual,
    w.range(
      d(action.actualStart, action.actualStartPrecision),
      d(action.actualEnd, action.actualEndPrecision),
    ),
  );
}

/** Summary (English when asked and written) and objectives, each only when there is text. */
export function writeNarrative(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width } = w;
  const summary = w.lang === 'en' ? (action.summaryEn ?? action.summaryEs) : action.summaryEs;
  if (summary) {
    w.heading(t.summary);
    doc.text(summary, { width, align: 'justify' });
  }
  if (action.objectives) {
    w.heading(t.objectives);
    doc.text(action.objectives, { width, align: 'justify' });
  }
}

export function writePartners(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width } = w;
  w.heading(t.partners);
  if (!action.participations.length) doc.text(t.none);
  for (const p of action.participations) {
    const name = p.organisationAcronym
      ? `${p.organisationName} (${p.organisationAcronym})`
      : p.organisationName;
    doc.text(`• ${name}: ${w.v('participationRole', p.role)}`, { width });
  }
}

export function writeInstruments(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width } = w;
  w.heading(t.instruments);
  if (!action.instruments.length) doc.text(t.none);
  for (const i of action.instruments) {
    const signed = i.signedOn ? `, ${t.signed} ${w.d(i.signedOn, i.signedOnPrecision)}` : '';
    const parties = i.parties.length ? `: ${i.parties.join(', ')}` : '';
    doc.text(`• ${i.title} (${w.v('instrumentType', i.type)}${signed})${parties}`, { width });
  }
}

/** The key figures by currency, as a five-column table. */
function writeFundingTable(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width } = w;
  const cols = [t.currency, t.ceiling, t.committed, t.executed, t.other];
  const colWidth = width / cols.length;
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    cells.forEach((c, i) =>
      doc.text(c, doc.page.margins.left + i * colWidth, y, {
        width: colWidth - 6,
        align: i === 0 ? 'left' : 'right',
      }),
    );
    doc.x = doc.page.margins.left;
    doc.moveDown(0.2);
  };
  row(cols, true);
  for (const g of fundingByCurrency(action.funding)) {
    row([
      g.currency ?? t.noCurrency,
      groupThousands(g.ceiling),
      groupThousands(g.committed),
      groupThousands(g.executed),
      groupThousands(g.other),
    ]);
  }
}

/** Each funding record but planned disbursements, with its MXN equivalent when converted. */
function writeFundingRecords(w: SheetWriter, action: ActionDetailDto, conversions: Converted[]) {
  const { doc, t, width } = w;
  doc.font('Helvetica-Bold').text(t.records);
  doc.font('Helvetica');
  for (const f of action.funding.filter((x) => x.type !== 'planned_disbursement')) {
    const c = conversions.find((x) => x.fundingId === f.id);
    const amount = `${f.currency ?? `(${t.noCurrency})`} ${groupThousands(f.amount)}`;
    let conversion = '';
    if (f.currency && f.currency !== 'MXN' && c) {
      conversion = c.mxn
        ? ` (${t.converted} MXN ${groupThousands(c.mxn)}, ${t.rateOf} ${c.rate?.rateToMxn} ${c.rate?.rateDate})`
        : ` (${t.noRate})`;
    }
    const who = [f.providerName, f.receiverName].filter(Boolean).join(' → ').replace('→', '>');
    doc.text(
      `• ${w.d(f.valueDate, f.valueDatePrecision) || t.notStated} · ${w.v('fundingType', f.type)} · ${amount}${conversion}${who ? ` · ${who}` : ''}`,
      { width },
    );
  }
}

export function writeFunding(
  w: SheetWriter,
  action: ActionDetailDto,
  conversions: Converted[],
): void {
  const { doc, t, width } = w;
  w.heading(t.funding);
  if (!action.funding.length) {
    doc.text(t.none);
    return;
  }
  writeFundingTable(w, action);
  doc.font('Helvetica-Oblique').fontSize(8).text(t.ceilingNote, { width });
  doc.font('Helvetica').fontSize(10).moveDown(0.4);
  writeFundingRecords(w, action, conversions);
}

/** Planned disbursements (IATI) in their own section, only when there are any. */
export function writePlanned(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width, d } = w;
  const planned = plannedDisbursements(action.funding);
  if (!planned.records.length) return;
  w.heading(t.plannedMoney);
  doc.font('Helvetica-Oblique').fontSize(8).text(t.plannedNote, { width });
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  for (const total of planned.totals) {
    doc
      .font('Helvetica-Bold')
      .text(
        `${t.total} ${total.currency ?? `(${t.noCurrency})`}: ${groupThousands(total.amount)}`,
        {
          width,
        },
      );
  }
  doc.font('Helvetica');
  for (const f of planned.records) {
    const period =
      f.periodStart || f.periodEnd
        ? w.range(d(f.periodStart), d(f.periodEnd))
        : d(f.valueDate, f.valueDatePrecision) || t.notStated;
    doc.text(
      `• ${t.period} ${period} · ${f.currency ?? `(${t.noCurrency})`} ${groupThousands(f.amount)}`,
      { width },
    );
  }
}

export function writeMilestones(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width, v } = w;
  w.heading(t.milestones);
  // "Taller: …"; a milestone of type "other" is just its title.
  const kindOf = (type: string) => (type === 'other' ? '' : `${v('milestoneType', type)}: `);
  if (!action.milestones.length) doc.text(t.none);
  for (const m of action.milestones) {
    const when = w.d(m.actualDate ?? m.plannedDate, m.datePrecision);
    doc.font('Helvetica-Bold').text(`${when}  `, { continued: true });
    doc.font('Helvetica').text(`${kindOf(m.type)}${m.title} (${v('milestoneStatus', m.status)})`, {
      width,
    });
  }
}

type Indicator = ActionDetailDto['results'][number]['indicators'][number];

/** "línea base 10 t (1 de enero de 2024); meta 20 t; logro 15 t" — only the values recorded. */
function indicatorValues(w: SheetWriter, i: Indicator): string[] {
  const { t, d } = w;
  const unit = i.unit ? ` ${i.unit}` : '';
  const value = (label: string, amount: string | null, date: string | null) =>
    amount !== null ? `${label} ${amount}${unit}${date ? ` (${d(date)})` : ''}` : null;
  return [
    value(t.baseline, i.baseline, i.baselineDate),
    value(t.target, i.target, i.targetDate),
    value(t.achieved, i.actual, i.actualDate),
  ].filter((x): x is string => x !== null);
}

export function writeResults(w: SheetWriter, action: ActionDetailDto): void {
  const { doc, t, width } = w;
  w.heading(t.results);
  if (!action.results.length) doc.text(t.none);
  for (const r of action.results) {
    doc.text(`• ${r.statement}`, { width });
    for (const i of r.indicators) {
      const parts = indicatorValues(w, i);
      doc.text(`    – ${i.name}${parts.length ? `: ${parts.join('; ')}` : ''}`, { width });
    }
  }
}
