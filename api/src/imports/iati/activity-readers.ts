import type { RawCell } from '../tabular';
import { KeptActivity, MODELLED, toXmlElement } from '../iati-kept';
import { SCHEME, STATUS } from './iati-codes';
import { ActivityContext, addRow } from './read-context';
import {
  attr,
  decodeXmlText,
  inLang,
  isoDate,
  list,
  Narrative,
  narratives,
  Node,
  one,
} from './xml-nodes';

/** Spanish text, else the first one with its language noted ("[de] …"): never passed off as Spanish. */
const spanish = (ns: Narrative[]) =>
  inLang(ns, 'es') ?? (ns[0] ? `[${ns[0].lang}] ${ns[0].text}` : null);

/** Title and descriptions by language: general (type 1) → summary, objectives (type 2). */
export function activityTexts(a: ActivityContext): Record<string, RawCell> {
  const titles = narratives(list(a.node, 'title')[0], a.lang);
  const describe = (type: string) =>
    list(a.node, 'description')
      .filter((x) => (attr(x, 'type') ?? '1') === type)
      .flatMap((x) => narratives(x, a.lang));
  const summary = describe('1');
  return {
    title_es: (spanish(titles) ?? a.identifier).slice(0, 500),
    title_en: inLang(titles, 'en') ?? null,
    summary_es: spanish(summary),
    summary_en: inLang(summary, 'en') ?? null,
    objectives: describe('2')[0]?.text ?? null,
  };
}

/** activity-status → status; activity-date 1–4 → planned/actual start/end (actual: by day). */
export function activityDates(a: ActivityContext): Record<string, RawCell> {
  const dates = new Map(list(a.node, 'activity-date').map((d) => [attr(d, 'type'), isoDate(d)]));
  const precision = (d?: string) => (d ? 'day' : null);
  return {
    status: STATUS[attr(one(a.node, 'activity-status'), 'code') ?? ''] ?? null,
    planned_start: dates.get('1') ?? null,
    actual_start: dates.get('2') ?? null,
    actual_start_precision: precision(dates.get('2')),
    planned_end: dates.get('3') ?? null,
    actual_end: dates.get('4') ?? null,
    actual_end_precision: precision(dates.get('4')),
  };
}

/** SDG sectors (vocabularies 7–9) and tags (2–3) → SDGs; other sectors → themes. */
export function sectorsAndGoals(node: Node): { themes: string[]; sdgs: number[] } {
  const sdgs = new Set<number>();
  const themes: string[] = [];
  for (const s of list(node, 'sector')) {
    const vocabulary = attr(s, 'vocabulary') ?? '1';
    const c = attr(s, 'code');
    if (!c) continue;
    if (['7', '8', '9'].includes(vocabulary)) sdgs.add(Number(c.split('.')[0]));
    else if (vocabulary === '1' || vocabulary === '2') themes.push(`dac-${c}`);
    else themes.push(c);
  }
  for (const t of list(node, 'tag')) {
    const vocabulary = attr(t, 'vocabulary');
    const c = attr(t, 'code');
    if (c && (vocabulary === '2' || vocabulary === '3')) sdgs.add(Number(c.split('.')[0]));
  }
  const goals = [...sdgs].filter((g) => g >= 1 && g <= 17).sort((x, y) => x - y);
  return { themes: [...new Set(themes)].slice(0, 20), sdgs: goals };
}

/** What no column holds, as published (for the export), and the values it fed. */
function keptActivity(
  a: ActivityContext,
  raw: Record<string, RawCell>,
  sdgs: number[],
): KeptActivity {
  const element = (k: string, x: unknown) => toXmlElement(k, x, a.lang, decodeXmlText);
  const title = list(a.node, 'title')[0];
  return {
    elements: Object.entries(a.node)
      .filter(([k]) => !k.startsWith('@') && k !== '#text' && !k.includes(':') && !MODELLED.has(k))
      .flatMap(([k, x]) => (Array.isArray(x) ? x : [x]).map((y) => element(k, y))),
    title: title ? element('title', title) : null,
    descriptions: list(a.node, 'description').map((d) => element('description', d)),
    derived: {
      titleEs: raw.title_es as string,
      titleEn: (raw.title_en as string | null) ?? null,
      summaryEs: (raw.summary_es as string | null) ?? null,
      summaryEn: (raw.summary_en as string | null) ?? null,
      objectives: (raw.objectives as string | null) ?? null,
      themes: raw.themes ? String(raw.themes).split('; ') : [],
      sdgs,
    },
  };
}

/** The action of an activity: code, texts, status and dates, scheme, themes and SDGs, source. */
export function readActionRow(a: ActivityContext): void {
  const reporting = one(a.node, 'reporting-org');
  const reportingName =
    inLang(narratives(reporting, a.lang), 'es') ?? narratives(reporting, a.lang)[0]?.text;
  const raw: Record<string, RawCell> = {
    code: a.code,
    ...activityTexts(a),
    ...activityDates(a),
    source: `IATI ${a.identifier}${reportingName ? ` · ${reportingName}` : ''}`.slice(0, 2000),
  };
  const scheme = SCHEME[attr(one(a.node, 'collaboration-type'), 'code') ?? ''];
  if (scheme) raw.scheme = scheme;
  const { themes, sdgs } = sectorsAndGoals(a.node);
  if (themes.length) raw.themes = themes.join('; ');
  if (sdgs.length) raw.sdgs = sdgs.join('; ');
  const kept = keptActivity(a, raw, sdgs);
  // Our own export read back: the source stays as it was.
  if (a.own) delete raw.source;
  addRow(a.ctx, 'actions', a.base, raw, {
    iati: kept,
    // Our own export cannot show everything an import created: it deletes nothing.
    _own: a.own,
    _defaults: { kind: 'cooperation_project', institute_role: 'recipient' },
  });
}
