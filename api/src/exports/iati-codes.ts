import { ORGANISATION_TYPES, type OrganisationType } from '../organisations/organisation.entity';
import type { ActionStatus } from '../actions/action.model';
import { el, textEl, XmlElement, XmlNode } from './iati-xml';
import type { ActionBundle, OrgInfo } from './iati-activity';

/* IATI code lists and the small mapping rules of the Coopera → IATI 2.03 export. */

/** IATI OrganisationRole: funding 1, accountable 2, extending 3, implementing 4. */
export const IATI_ROLE: Partial<Record<string, string>> = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
};

/** IATI OrganisationType for ours (ngo_foundation: 22 national NGO in the institute's country, else 21). */
export function iatiOrgType(org: Pick<OrgInfo, 'type' | 'country'>, homeCountry = 'MX'): string {
  const map: Record<OrganisationType, string> = {
    multilateral: '40',
    bilateral_agency: '10',
    national_government: '10',
    subnational_government: '11',
    city_network: '21',
    ngo_foundation: org.country === homeCountry ? '22' : '21',
    academia: '80',
    private: '70',
    other: '90',
  };
  return (ORGANISATION_TYPES as readonly string[]).includes(org.type)
    ? map[org.type as OrganisationType]
    : '90';
}

/** IATI ActivityStatus 1–6 (our vocabulary is the IATI one). */
export const IATI_STATUS: Record<ActionStatus, string> = {
  pipeline: '1',
  implementation: '2',
  finalisation: '3',
  closed: '4',
  cancelled: '5',
  suspended: '6',
};

/** Funding types that become IATI transactions (TransactionType). */
export const IATI_TRANSACTION: Partial<Record<string, string>> = {
  commitment: '2',
  disbursement: '3',
  expenditure: '4',
  /** A cash prize received by the institute: incoming funds. */
  prize: '1',
  incoming_funds: '1',
  incoming_commitment: '11',
  /** Loan repayment (5) unless the import kept interest repayment (6). */
  repayment: '5',
  /** Without the code the import kept: a credit guarantee (10) is the closest generic flow. */
  other_flow: '13',
};

/** Funding types written as <budget> (with a period) and as <planned-disbursement>. */
export const BUDGET_KINDS = new Set(['ceiling', 'ceiling_superseded']);

/** Organisation identifiers IATI's rules accept (no spaces, /, &, | or ?; agency prefix shape). */
export function usableOrgRef(ref: string | null | undefined): string | undefined {
  if (!ref) return undefined;
  return /^[A-Za-z0-9]{2,}-[^\s/&|?]+$/.test(ref) ? ref : undefined;
}

export function iatiIdentifier(reportingOrgRef: string, code: string): string {
  return `${reportingOrgRef}-${code.trim().replace(/[\s/&|?]+/g, '-')}`;
}

/** 100 split into n shares with two decimals that add up to exactly 100. */
export function splitPercentages(n: number): string[] {
  const cents = Math.floor(10000 / n);
  const extra = 10000 - cents * n;
  return Array.from({ length: n }, (_, i) => ((cents + (i < extra ? 1 : 0)) / 100).toFixed(2));
}

export const nonEmpty = (s: string | null | undefined): s is string => Boolean(s && s.trim());

/** A text an import stored with its language noted ("[de] …": no Spanish one was published). */
const NOTED_LANGUAGE = /^\[([a-z]{2,3}(?:-[a-z0-9]+)?)\] ([\s\S]+)$/;

export const narratives = (es: string | null | undefined, en?: string | null): XmlNode[] => {
  const noted = es ? NOTED_LANGUAGE.exec(es) : null;
  return [
    ...(noted && !(noted[1] === 'en' && nonEmpty(en))
      ? [textEl('narrative', noted[2], { 'xml:lang': noted[1] })]
      : nonEmpty(es) && !noted
        ? [textEl('narrative', es)]
        : []),
    ...(nonEmpty(en) ? [textEl('narrative', en, { 'xml:lang': 'en' })] : []),
  ];
};

export const themeLabel = (slug: string) => {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const FORMATS: [RegExp, string][] = [
  [/\.pdf$/i, 'application/pdf'],
  [/\.docx?$/i, 'application/msword'],
  [/\.xlsx?$/i, 'application/vnd.ms-excel'],
  [/\.jpe?g$/i, 'image/jpeg'],
  [/\.png$/i, 'image/png'],
];

/** An absolute http(s) URL, percent-encoded so that it is a valid xsd:anyURI; else undefined. */
export function iatiUrl(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function documentLink(url: string, title: string, category: string): XmlElement {
  const path = new URL(url).pathname;
  const format = FORMATS.find(([re]) => re.test(path))?.[1] ?? 'text/html';
  return el('document-link', { url, format }, [
    el('title', undefined, [textEl('narrative', nonEmpty(title) ? title : url)]),
    el('category', { code: category }),
  ]);
}

export function orgNode(
  name: 'provider-org' | 'receiver-org',
  org: OrgInfo | null,
  home: string,
): XmlElement | null {
  if (!org) return null;
  const ref = usableOrgRef(org.iatiRef);
  // Rule 6.9.1: an organisation needs a ref or a narrative; with neither, leave it out.
  if (!ref && !nonEmpty(org.name)) return null;
  return el(
    name,
    { ref, type: iatiOrgType(org, home) },
    nonEmpty(org.name) ? [textEl('narrative', org.name)] : [],
  );
}

/** Activity status: ours, or (not stated in the source) derived from the actual dates. */
export function activityStatus(a: ActionBundle, today: string): string {
  if (a.status) return IATI_STATUS[a.status];
  if (a.actualEnd && a.actualEnd <= today) return IATI_STATUS.finalisation;
  if (a.actualStart && a.actualStart <= today) return IATI_STATUS.implementation;
  return IATI_STATUS.pipeline;
}

/** Activity dates 1–4. An "actual" date in the future is reported as planned (rules 11.1.4/5). */
export function activityDates(a: ActionBundle, today: string): { type: string; date: string }[] {
  let plannedStart = a.plannedStart;
  let plannedEnd = a.plannedEnd;
  let actualStart = a.actualStart;
  let actualEnd = a.actualEnd;
  if (actualStart && actualStart > today) {
    plannedStart ??= actualStart;
    actualStart = null;
  }
  if (actualEnd && actualEnd > today) {
    plannedEnd ??= actualEnd;
    actualEnd = null;
  }
  if (plannedStart && plannedEnd && plannedEnd < plannedStart) plannedEnd = null;
  if (actualStart && actualEnd && actualEnd < actualStart) actualEnd = null;
  return [
    { type: '1', date: plannedStart },
    { type: '2', date: actualStart },
    { type: '3', date: plannedEnd },
    { type: '4', date: actualEnd },
  ].filter((d): d is { type: string; date: string } => Boolean(d.date));
}

/** Why an action cannot be published in IATI (empty: it can). */
export function unpublishableReasons(a: ActionBundle, today: string): string[] {
  const dates = activityDates(a, today);
  const reasons: string[] = [];
  if (!dates.some((d) => d.type === '1' || d.type === '2')) reasons.push('no start date');
  if (!a.themes.some(nonEmpty) && !a.sdgs.length) reasons.push('no theme or SDG (sector)');
  return reasons;
}
