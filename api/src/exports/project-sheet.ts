import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { ActionDetailDto, FundingDto } from '../actions/dto/action-response.dto';
import { humanDate, humanDay } from '../common/human-dates';
import { withFallbackFonts } from '../common/pdf-fonts';
import { stampPages } from '../common/pdf-pages';
import { labelOf, type Lang, type VocabularyGroup } from '../common/vocabulary';
import type { ThemeLabels } from '../themes/themes.service';
import { addMoney, formatMoney } from '../money/money';

export type SheetLang = Lang;
type Precision = 'day' | 'month' | 'year';

/** A funding record's amount in MXN with the rate used (null: no rate on or before its date). */
export interface Converted {
  fundingId: string;
  mxn: string | null;
  rate: { rateDate: string; rateToMxn: string } | null;
}

const L = {
  es: {
    title: 'Ficha de proyecto',
    generated: 'Generado el',
    page: 'Página',
    of: 'de',
    identification: 'Identificación',
    code: 'Código',
    kind: 'Tipo',
    status: 'Estado',
    role: 'Papel del instituto',
    scheme: 'Esquema',
    modality: 'Modalidad',
    themes: 'Temas',
    sdgs: 'ODS',
    municipalities: 'Municipios',
    unit: 'Unidad responsable',
    planned: 'Fechas previstas',
    actual: 'Fechas reales',
    summary: 'Resumen',
    objectives: 'Objetivos',
    partners: 'Socios y papeles',
    instruments: 'Instrumentos jurídicos',
    signed: 'firmado',
    funding: 'Financiamiento',
    currency: 'Moneda',
    ceiling: 'Tope',
    committed: 'Comprometido',
    executed: 'Ejercido',
    other: 'Especie / premio',
    records: 'Registros',
    converted: 'equivale a',
    rateOf: 'tipo de cambio',
    noRate: 'sin tipo de cambio registrado',
    noCurrency: 'moneda no indicada',
    milestones: 'Hitos',
    results: 'Resultados e indicadores',
    baseline: 'línea base',
    target: 'meta',
    achieved: 'logro',
    none: 'Sin registros.',
    notStated: 'no indicado',
    ceilingNote: 'Los topes son asistencia "por un valor de hasta": no son dinero recibido.',
    plannedMoney: 'Desembolsos previstos',
    plannedNote:
      'Planes de desembolso publicados por el donante (IATI): no son dinero ejercido y no se suman a ninguna cifra.',
    period: 'Periodo',
    total: 'Total',
  },
  en: {
    title: 'Project sheet',
    generated: 'Generated on',
    page: 'Page',
    of: 'of',
    identification: 'Identification',
    code: 'Code',
    kind: 'Kind',
    status: 'Status',
    role: 'Institute role',
    scheme: 'Scheme',
    modality: 'Modality',
    themes: 'Themes',
    sdgs: 'SDGs',
    municipalities: 'Municipalities',
    unit: 'Responsible unit',
    planned: 'Planned dates',
    actual: 'Actual dates',
    summary: 'Summary',
    objectives: 'Objectives',
    partners: 'Partners and roles',
    instruments: 'Legal instruments',
    signed: 'signed',
    funding: 'Funding',
    currency: 'Currency',
    ceiling: 'Ceiling',
    committed: 'Committed',
    executed: 'Executed',
    other: 'In kind / prize',
    records: 'Records',
    converted: 'equals',
    rateOf: 'rate',
    noRate: 'no exchange rate on record',
    noCurrency: 'currency not stated',
    milestones: 'Milestones',
    results: 'Results and indicators',
    baseline: 'baseline',
    target: 'target',
    achieved: 'actual',
    none: 'None recorded.',
    notStated: 'not stated',
    ceilingNote: 'Ceilings are assistance "worth up to": they are not money received.',
    plannedMoney: 'Planned disbursements',
    plannedNote:
      'Disbursement plans published by the donor (IATI): not executed money, never added to any figure.',
    period: 'Period',
    total: 'Total',
  },
} as const;

/**
 * Planned disbursements (IATI): their totals by currency and each one with its period, oldest
 * period first. Plans, never executed money: the sheet shows them in their own section.
 */
export function plannedDisbursements(
  funding: Pick<
    FundingDto,
    | 'type'
    | 'amount'
    | 'currency'
    | 'valueDate'
    | 'valueDatePrecision'
    | 'periodStart'
    | 'periodEnd'
  >[],
) {
  const planned = funding
    .filter((f) => f.type === 'planned_disbursement')
    .sort((a, b) =>
      (a.periodStart ?? a.valueDate ?? '9999').localeCompare(
        b.periodStart ?? b.valueDate ?? '9999',
      ),
    );
  const sums = new Map<string, string[]>();
  for (const f of planned)
    sums.set(f.currency ?? '', [...(sums.get(f.currency ?? '') ?? []), f.amount]);
  return {
    records: planned,
    totals: [...sums.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([currency, amounts]) => ({
        currency: currency || null,
        amount: formatMoney(addMoney(...amounts)),
      })),
  };
}

/** "16187025.00" → "16,187,025.00" (grouping as written in Mexico and in English). */
export function groupThousands(amount: string): string {
  const [int, dec] = amount.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec !== undefined ? `.${dec}` : ''}`;
}

const EXECUTED = new Set(['disbursement', 'expenditure']);
const IN_KIND = new Set(['in_kind', 'prize']);
/** The four key figures' funding types: planned, incoming and other IATI money is none of them. */
const KEY_FIGURE_TYPES = new Set(['ceiling', 'commitment', ...EXECUTED, ...IN_KIND]);

/** Totals by currency: ceilings vs committed vs executed (disbursed + spent) vs in kind/prize. */
export function fundingByCurrency(funding: Pick<FundingDto, 'type' | 'amount' | 'currency'>[]) {
  const groups = new Map<
    string,
    Record<'ceiling' | 'committed' | 'executed' | 'other', string[]>
  >();
  for (const f of funding) {
    if (!KEY_FIGURE_TYPES.has(f.type)) continue;
    const key = f.currency ?? '';
    const g = groups.get(key) ?? { ceiling: [], committed: [], executed: [], other: [] };
    if (f.type === 'ceiling') g.ceiling.push(f.amount);
    else if (f.type === 'commitment') g.committed.push(f.amount);
    else if (EXECUTED.has(f.type)) g.executed.push(f.amount);
    else g.other.push(f.amount);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([currency, g]) => ({
      currency: currency || null,
      ceiling: formatMoney(addMoney(...g.ceiling)),
      committed: formatMoney(addMoney(...g.committed)),
      executed: formatMoney(addMoney(...g.executed)),
      other: formatMoney(addMoney(...g.other)),
    }));
}

export interface SheetInput {
  action: ActionDetailDto;
  lang: SheetLang;
  generatedAt: Date;
  conversions: Converted[];
  /** The managed list's labels (a code it lacks is shown readable). */
  themes: ThemeLabels;
}

/** The project sheet of one action as a PDF stream (A4, Helvetica: Latin-1 accents). */
export function renderProjectSheet({
  action,
  lang,
  generatedAt,
  conversions,
  themes,
}: SheetInput): Readable {
  const t = L[lang];
  const v = (group: VocabularyGroup, code: string | null | undefined) =>
    labelOf(group, code, lang) || t.notStated;
  const d = (date: string | null | undefined, precision?: string | null) =>
    humanDate(date, lang, (precision ?? 'day') as Precision);
  const instituteName = action.institute?.name ?? 'Coopera';
  const doc = withFallbackFonts(
    new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 56, right: 56 },
      bufferPages: true,
      info: { Title: `${t.title} ${action.code}`, Author: instituteName, Creator: 'Coopera' },
      lang,
    }),
  );
  const width = doc.page.width - 112;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#1f3a5f').text(text);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('black');
  };
  const field = (label: string, value: string | null | undefined) => {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value && value.trim() ? value : t.notStated);
  };
  const range = (from: string | null, to: string | null) =>
    from || to ? `${from || '…'} – ${to || '…'}` : t.notStated;

  doc.font('Helvetica-Bold').fontSize(16).text(t.title, { width });
  doc.font('Helvetica-Bold').fontSize(13).text(action.titleEs, { width });
  if (action.titleEn) doc.font('Helvetica-Oblique').fontSize(11).text(action.titleEn, { width });
  doc.font('Helvetica').fontSize(10);

  heading(t.identification);
  field(t.code, action.code);
  field(t.kind, v('kind', action.kind));
  field(t.status, v('status', action.status));
  field(t.role, v('instituteRole', action.instituteRole));
  field(t.scheme, v('scheme', action.scheme));
  field(t.modality, v('modality', action.modality));
  field(t.themes, action.themes.map((code) => themes.label(code, lang)).join(', '));
  field(t.sdgs, action.sdgs.join(', '));
  field(t.municipalities, action.municipalities.join(', '));
  field(t.unit, action.unit);
  field(t.planned, range(d(action.plannedStart), d(action.plannedEnd)));
  field(
    t.actual,
    range(
      d(action.actualStart, action.actualStartPrecision),
      d(action.actualEnd, action.actualEndPrecision),
    ),
  );
  const summary = lang === 'en' ? (action.summaryEn ?? action.summaryEs) : action.summaryEs;
  if (summary) {
    heading(t.summary);
    doc.text(summary, { width, align: 'justify' });
  }
  if (action.objectives) {
    heading(t.objectives);
    doc.text(action.objectives, { width, align: 'justify' });
  }

  heading(t.partners);
  if (!action.participations.length) doc.text(t.none);
  for (const p of action.participations) {
    const name = p.organisationAcronym
      ? `${p.organisationName} (${p.organisationAcronym})`
      : p.organisationName;
    doc.text(`• ${name}: ${v('participationRole', p.role)}`, { width });
  }

  heading(t.instruments);
  if (!action.instruments.length) doc.text(t.none);
  for (const i of action.instruments) {
    const signed = i.signedOn ? `, ${t.signed} ${d(i.signedOn, i.signedOnPrecision)}` : '';
    doc.text(
      `• ${i.title} (${v('instrumentType', i.type)}${signed})${i.parties.length ? `: ${i.parties.join(', ')}` : ''}`,
      {
        width,
      },
    );
  }

  heading(t.funding);
  if (!action.funding.length) doc.text(t.none);
  else {
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
    doc.font('Helvetica-Oblique').fontSize(8).text(t.ceilingNote, { width });
    doc.font('Helvetica').fontSize(10).moveDown(0.4);
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
        `• ${d(f.valueDate, f.valueDatePrecision) || t.notStated} · ${v('fundingType', f.type)} · ${amount}${conversion}${who ? ` · ${who}` : ''}`,
        { width },
      );
    }
  }

  const planned = plannedDisbursements(action.funding);
  if (planned.records.length) {
    heading(t.plannedMoney);
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
          ? range(d(f.periodStart), d(f.periodEnd))
          : d(f.valueDate, f.valueDatePrecision) || t.notStated;
      doc.text(
        `• ${t.period} ${period} · ${f.currency ?? `(${t.noCurrency})`} ${groupThousands(f.amount)}`,
        { width },
      );
    }
  }

  heading(t.milestones);
  // "Taller: …"; a milestone of type "other" is just its title.
  const kindOf = (type: string) => (type === 'other' ? '' : `${v('milestoneType', type)}: `);
  if (!action.milestones.length) doc.text(t.none);
  for (const m of action.milestones) {
    const when = d(m.actualDate ?? m.plannedDate, m.datePrecision);
    doc.font('Helvetica-Bold').text(`${when}  `, { continued: true });
    doc.font('Helvetica').text(`${kindOf(m.type)}${m.title} (${v('milestoneStatus', m.status)})`, {
      width,
    });
  }

  heading(t.results);
  if (!action.results.length) doc.text(t.none);
  for (const r of action.results) {
    doc.text(`• ${r.statement}`, { width });
    for (const i of r.indicators) {
      const unit = i.unit ? ` ${i.unit}` : '';
      const parts = [
        i.baseline !== null
          ? `${t.baseline} ${i.baseline}${unit}${i.baselineDate ? ` (${d(i.baselineDate)})` : ''}`
          : null,
        i.target !== null
          ? `${t.target} ${i.target}${unit}${i.targetDate ? ` (${d(i.targetDate)})` : ''}`
          : null,
        i.actual !== null
          ? `${t.achieved} ${i.actual}${unit}${i.actualDate ? ` (${d(i.actualDate)})` : ''}`
          : null,
      ].filter(Boolean);
      doc.text(`    – ${i.name}${parts.length ? `: ${parts.join('; ')}` : ''}`, { width });
    }
  }

  // Header and footer on every page: institute, generation date, page numbers.
  const generated = humanDay(generatedAt, lang);
  stampPages(
    doc,
    width,
    `${instituteName} · ${action.code}`,
    (page, pages) => `${t.generated} ${generated} · ${t.page} ${page} ${t.of} ${pages}`,
    '#555555',
  );
  doc.end();
  return doc;
}
