import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  FUNDING_TYPES,
  INSTITUTE_ROLES,
  INSTRUMENT_TYPES,
  MILESTONE_STATUSES,
  MILESTONE_TYPES,
  MODALITIES,
  PARTICIPATION_ROLES,
  SCHEMES,
} from '../actions/action.model';
import { ROLES } from '../auth/access.decorator';
import { AGREEMENT_STATUSES, SESSION_KINDS } from '../board/board.entities';
import { ORGANISATION_TYPES } from '../organisations/organisation.entity';
import { PROGRESS_STAGES } from '../progress/progress.model';
import { labelOf, VOCABULARY, VocabularyGroup, WEB_ID_PREFIX } from './vocabulary';

const CODES: Record<VocabularyGroup, readonly string[]> = {
  role: ROLES,
  kind: ACTION_KINDS,
  status: ACTION_STATUSES,
  instituteRole: INSTITUTE_ROLES,
  scheme: SCHEMES,
  modality: MODALITIES,
  participationRole: PARTICIPATION_ROLES,
  instrumentType: INSTRUMENT_TYPES,
  fundingType: FUNDING_TYPES,
  milestoneType: MILESTONE_TYPES,
  milestoneStatus: MILESTONE_STATUSES,
  organisationType: ORGANISATION_TYPES,
  progressStage: PROGRESS_STAGES,
  sessionKind: SESSION_KINDS,
  agreementStatus: AGREEMENT_STATUSES,
};

const WEB = join(__dirname, '../../../web/src');

/** `$localize\`:@@kind.award:Premio o reconocimiento\`` in the web's label files → id → Spanish. */
function webSpanish(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of ['labels.ts', 'progress-labels.ts']) {
    const src = readFileSync(join(WEB, 'app/core/i18n', file), 'utf8');
    for (const m of src.matchAll(/\$localize`:@@([\w.]+):([^`]*)`/g)) out.set(m[1], m[2]);
  }
  return out;
}

/** The English targets of every translation file → id → English. */
function webEnglish(): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(WEB, 'locale');
  for (const file of readdirSync(dir).filter((f) => /^messages\.en.*\.xlf$/.test(f))) {
    const xlf = readFileSync(join(dir, file), 'utf8');
    const units = xlf.matchAll(
      /<trans-unit id="([^"]+)"[^>]*>\s*<source>[\s\S]*?<\/source>\s*<target[^>]*>([\s\S]*?)<\/target>/g,
    );
    for (const m of units) out.set(m[1], m[2]);
  }
  return out;
}

describe('one vocabulary', () => {
  const groups = Object.keys(CODES) as VocabularyGroup[];

  it('labels every code of every list in Spanish and English, and nothing else', () => {
    const missing: string[] = [];
    for (const g of groups) {
      const labels = VOCABULARY[g] as Record<string, { es: string; en: string }>;
      for (const code of CODES[g]) {
        if (!labels[code]?.es?.trim()) missing.push(`${g}.${code} (es)`);
        if (!labels[code]?.en?.trim()) missing.push(`${g}.${code} (en)`);
      }
      for (const code of Object.keys(labels)) {
        if (!CODES[g].includes(code)) missing.push(`${g}.${code} (not a code)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says the same as the web app, in Spanish and in its English translations', () => {
    const es = webSpanish();
    const en = webEnglish();
    const disagree: string[] = [];
    for (const g of groups) {
      for (const [code, label] of Object.entries(
        VOCABULARY[g] as Record<string, { es: string; en: string }>,
      )) {
        const id = `${WEB_ID_PREFIX[g]}.${code}`;
        if (es.get(id) !== label.es) disagree.push(`${id}: web «${es.get(id)}» ≠ «${label.es}»`);
        if (en.get(id) !== label.en) disagree.push(`${id}: web «${en.get(id)}» ≠ «${label.en}»`);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('labels the new milestone type «meeting» and shows unknown codes as they are', () => {
    expect(labelOf('milestoneType', 'meeting', 'es')).toBe('Reunión');
    expect(labelOf('milestoneType', 'meeting', 'en')).toBe('Meeting');
    expect(labelOf('kind', 'future_kind', 'es')).toBe('future_kind');
    expect(labelOf('status', null, 'en')).toBe('');
  });
});
