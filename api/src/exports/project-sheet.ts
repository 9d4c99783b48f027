import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import type { ActionDetailDto } from '../actions/dto/action-response.dto';
import { humanDay } from '../common/human-dates';
import { withFallbackFonts } from '../common/pdf-fonts';
import { stampPages } from '../common/pdf-pages';
import type { Lang } from '../common/vocabulary';
import type { ThemeLabels } from '../themes/themes.service';
import { SHEET_LABELS } from './project-sheet-labels';
import {
  sheetWriter,
  writeFunding,
  writeIdentification,
  writeInstruments,
  writeMilestones,
  writeNarrative,
  writePartners,
  writePlanned,
  writeResults,
  writeTitle,
} from './project-sheet-sections';

export type SheetLang = Lang;

/** A funding record's amount in MXN with the rate used (null: no rate on or before its date). */
export interface Converted {
  fundingId: string;
  mxn: string | null;
  rate: { rateDate: string; rateToMxn: string } | null;
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
  const t = SHEET_LABELS[lang];
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
  const w = sheetWriter(doc, lang);
  writeTitle(w, action);
  writeIdentification(w, action, themes);
  writeNarrative(w, action);
  writePartners(w, action);
  writeInstruments(w, action);
  writeFunding(w, action, conversions);
  writePlanned(w, action);
  writeMilestones(w, action);
  writeResults(w, action);
  // Header and footer on every page: institute, generation date, page numbers.
  const generated = humanDay(generatedAt, lang);
  stampPages(
    doc,
    w.width,
    `${instituteName} · ${action.code}`,
    (page, pages) => `${t.generated} ${generated} · ${t.page} ${page} ${t.of} ${pages}`,
    '#555555',
  );
  doc.end();
  return doc;
}
