import type { XmlElement } from '../exports/iati-xml';

/**
 * What an IATI import keeps that no Coopera column holds (actions.iati, indicators.iati), in the
 * shape the IATI writer serialises: plain XmlElement trees (structured-clone and JSON safe).
 * Each kept group is written back on export while the fields it fed are still what the import
 * derived (`derived`); once staff change them, the export writes Coopera's values instead.
 */
export interface KeptActivity {
  /** Activity elements as published (recipient countries and regions, locations, sectors, tags,
   * policy markers, document links, other identifiers, related activities, contact info…). */
  elements: XmlElement[];
  /** The title and every description, narratives in every language. */
  title: XmlElement | null;
  descriptions: XmlElement[];
  derived: {
    titleEs: string | null;
    titleEn: string | null;
    summaryEs: string | null;
    summaryEn: string | null;
    objectives: string | null;
    themes: string[];
    sdgs: number[];
  };
}

export interface KeptIndicator {
  attrs: Record<string, string>;
  /** baseline, period and the other children after the title, as published. */
  elements: XmlElement[];
  derived: {
    baseline: string | null;
    target: string | null;
    actual: string | null;
    baselineText: string | null;
    targetText: string | null;
    actualText: string | null;
  };
}

/** A transaction's description as published, written back while the description is unchanged. */
export interface KeptDescription {
  description: XmlElement;
  derived: string | null;
}

/** A document link as published, written back while its title and URL are unchanged. */
export interface KeptDocument {
  element: XmlElement;
  /** Its place among the activity's document links (links imported together share created_at). */
  position: number;
  derived: { title: string; url: string };
}

/** Activity children the import models itself (never kept as they are). */
export const MODELLED = new Set([
  'iati-identifier',
  'reporting-org',
  'title',
  'description',
  'participating-org',
  'activity-status',
  'activity-date',
  'budget',
  'planned-disbursement',
  'transaction',
  'document-link',
  'result',
]);

/** The XSD order of an activity's children (xsd:sequence). */
export const ACTIVITY_ORDER = [
  'iati-identifier',
  'reporting-org',
  'title',
  'description',
  'participating-org',
  'other-identifier',
  'activity-status',
  'activity-date',
  'contact-info',
  'activity-scope',
  'recipient-country',
  'recipient-region',
  'location',
  'sector',
  'tag',
  'country-budget-items',
  'humanitarian-scope',
  'policy-marker',
  'collaboration-type',
  'default-flow-type',
  'default-finance-type',
  'default-aid-type',
  'default-tied-status',
  'budget',
  'planned-disbursement',
  'capital-spend',
  'transaction',
  'document-link',
  'related-activity',
  'legacy-data',
  'conditions',
  'result',
  'crs-add',
  'fss',
];

type Node = Record<string, unknown>;

/**
 * A parsed element (fast-xml-parser: `@attr`, `#text`, children by name) → an XmlElement. Text
 * and attributes are decoded with `decode`; elements and attributes of other namespaces
 * (extensions) are left out; every narrative gets its language explicitly unless it is `home`.
 */
export function toXmlElement(
  name: string,
  node: unknown,
  lang: string,
  decode: (s: string) => string,
  home = 'es',
): XmlElement {
  const out: XmlElement = { name };
  if (typeof node === 'string' || typeof node === 'number') {
    const text = decode(String(node));
    if (text) out.text = text;
  } else if (node && typeof node === 'object') {
    const attrs: Record<string, string> = {};
    const children: XmlElement[] = [];
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === '#text') {
        const text = decode(String(value)).trim();
        if (text) out.text = text;
      } else if (key.startsWith('@')) {
        const a = key.slice(1);
        if (!a.includes(':') || a === 'xml:lang') attrs[a] = decode(String(value)).trim();
      } else if (!key.includes(':')) {
        const inner = attrs['xml:lang'] ?? lang;
        for (const v of Array.isArray(value) ? value : [value])
          children.push(toXmlElement(key, v, inner.toLowerCase(), decode, home));
      }
    }
    if (Object.keys(attrs).length) out.attrs = attrs;
    if (children.length && out.text === undefined) out.children = children;
  }
  if (name === 'narrative') {
    const own = String(out.attrs?.['xml:lang'] ?? lang).toLowerCase();
    const { 'xml:lang': _drop, ...rest } = (out.attrs ?? {}) as Record<string, string>;
    out.attrs = own === home ? rest : { ...rest, 'xml:lang': own };
    if (!Object.keys(out.attrs).length) delete out.attrs;
  }
  return out;
}

/** Stable text of a JSON value (object keys sorted), for comparing jsonb. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value as Node)
      .filter((k) => (value as Node)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Node)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}
