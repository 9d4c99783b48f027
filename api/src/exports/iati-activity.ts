import type { OrganisationType } from '../organisations/organisation.entity';
import type { ActionStatus, FundingType, ParticipationRole } from '../actions/action.model';
import {
  ACTIVITY_ORDER,
  KeptActivity,
  KeptDescription,
  KeptDocument,
  KeptIndicator,
} from '../imports/iati-kept';
import { el, isElement, textEl, XmlElement, XmlNode } from './iati-xml';

/**
 * Coopera → IATI 2.03 activity mapping. Every choice the standard leaves to the publisher is
 * written here (and in the README's export section); the output is validated against the XSD
 * and the rules of `iati/rulesets/standard.json` in the integration tests.
 */

export interface OrgInfo {
  name: string;
  acronym: string | null;
  type: OrganisationType | string;
  country: string | null;
  iatiRef: string | null;
}

export interface ActionBundle {
  id: string;
  code: string;
  titleEs: string;
  titleEn: string | null;
  summaryEs: string | null;
  summaryEn: string | null;
  objectives: string | null;
  status: ActionStatus | null;
  instituteRole: string;
  themes: string[];
  sdgs: number[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  updatedAt: string;
  institute: OrgInfo | null;
  participations: (OrgInfo & { role: ParticipationRole | string })[];
  funding: {
    id: string;
    type: FundingType | string;
    amount: string;
    currency: string | null;
    valueDate: string | null;
    description: string | null;
    provider: OrgInfo | null;
    receiver: OrgInfo | null;
    /** The IATI TransactionType code an import read (exported back as it came). */
    iatiType?: string | null;
    ref?: string | null;
    periodStart?: string | null;
    periodEnd?: string | null;
    budgetType?: string | null;
    budgetStatus?: string | null;
    /** The description as an IATI import read it (every narrative with its language). */
    iati?: KeptDescription | null;
  }[];
  results: {
    id: string;
    statement: string;
    indicators: {
      id: string;
      name: string;
      unit: string | null;
      baseline: string | null;
      baselineDate: string | null;
      target: string | null;
      targetDate: string | null;
      actual: string | null;
      actualDate: string | null;
      /** Values as the source wrote them (IATI @value is text), when an import kept them. */
      baselineText?: string | null;
      targetText?: string | null;
      actualText?: string | null;
      iati?: KeptIndicator | null;
    }[];
  }[];
  documents: {
    id: string;
    title: string;
    url: string;
    resultId: string | null;
    /** The document-link as an IATI import read it. */
    iati?: KeptDocument | null;
  }[];
  /** What an IATI import kept (actions.iati). */
  iati?: KeptActivity | null;
  instruments: { id: string; type: string; title: string; documentUrl: string | null }[];
}

export interface IatiContext {
  reportingOrgRef: string;
  /** Today (YYYY-MM-DD, UTC): actual dates and transactions may not be later. */
  today: string;
  defaultCurrency: string;
  /** A theme code's name for the sector narrative (the managed list's Spanish label). */
  themeLabel?: (code: string) => string;
}

export * from './iati-codes';
import {
  activityDates,
  activityStatus,
  iatiIdentifier,
  iatiOrgType,
  narratives,
  nonEmpty,
} from './iati-codes';
import {
  documentNodes,
  fundingNodes,
  keptParts,
  participatingOrgs,
  recipientCountryNodes,
  resultNodes,
  sectorNodes,
} from './iati-elements';

/** The <iati-activity> of one action (call only when unpublishableReasons() is empty). */
export function buildActivity(a: ActionBundle, ctx: IatiContext): XmlElement {
  const home = a.institute?.country ?? 'MX';
  const comments: XmlNode[] = [];
  const participating = participatingOrgs(a, ctx, home);
  const beneficiaries = a.participations.filter((p) => p.role === 'beneficiary').map((p) => p.name);
  const counterparts = a.participations.filter((p) => p.role === 'counterpart').map((p) => p.name);
  const sectors = sectorNodes(a, ctx);
  const money = fundingNodes(a, ctx, home, comments);
  const documents = documentNodes(a, comments);
  const results = resultNodes(a, ctx);
  const title = nonEmpty(a.titleEs) ? a.titleEs : a.code;
  const description =
    nonEmpty(a.summaryEs) || nonEmpty(a.summaryEn)
      ? narratives(a.summaryEs, a.summaryEn)
      : narratives(title, a.titleEn);
  const { kept, keptTitle, keptDescriptions, keptSectors, keptElements, keptTexts } = keptParts(a);
  const generatedDescription = (type: string, text: string) =>
    keptTexts.has(text) ? null : el('description', { type }, narratives(text));
  // An imported activity is where its file says (no country claimed for it).
  const recipientCountries = kept ? [] : recipientCountryNodes(a, home);

  const children: (XmlNode | null | false | undefined)[] = [
    textEl('iati-identifier', iatiIdentifier(ctx.reportingOrgRef, a.code)),
    el(
      'reporting-org',
      {
        ref: ctx.reportingOrgRef,
        type: iatiOrgType(a.institute ?? { type: 'subnational_government', country: home }, home),
      },
      [textEl('narrative', nonEmpty(a.institute?.name) ? a.institute.name : ctx.reportingOrgRef)],
    ),
    keptTitle ?? el('title', undefined, narratives(title, a.titleEn)),
    ...(keptDescriptions ?? [
      el('description', { type: '1' }, description),
      nonEmpty(a.objectives) && el('description', { type: '2' }, narratives(a.objectives)),
    ]),
    beneficiaries.length > 0 &&
      generatedDescription('3', `Beneficiarios: ${beneficiaries.join('; ')}.`),
    counterparts.length > 0 &&
      generatedDescription('4', `Contrapartes: ${counterparts.join('; ')}.`),
    ...money.otherFunding.map((t) => generatedDescription('4', t)),
    ...participating,
    el('activity-status', { code: activityStatus(a, ctx.today) }),
    ...activityDates(a, ctx.today).map((d) =>
      el('activity-date', { type: d.type, 'iso-date': d.date }),
    ),
    ...recipientCountries,
    ...(keptSectors ? [] : sectors),
    ...(keptSectors ? [] : a.sdgs.map((g) => el('tag', { vocabulary: '2', code: String(g) }))),
    ...money.budgets,
    ...money.plannedDisbursements,
    ...money.transactions,
    ...documents,
    ...results,
    ...keptElements,
  ];
  return el(
    'iati-activity',
    {
      'last-updated-datetime': a.updatedAt,
      'xml:lang': 'es',
      'default-currency': ctx.defaultCurrency,
    },
    [...comments, ...inSchemaOrder(children)],
  );
}

/** Children in the order the schema wants them (a stable sort: equal elements keep theirs). */
function inSchemaOrder(children: (XmlNode | null | false | undefined)[]): XmlNode[] {
  const rank = (n: XmlNode) => (isElement(n) ? ACTIVITY_ORDER.indexOf(n.name) : -1);
  return children
    .filter((c): c is XmlNode => Boolean(c))
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i)
    .map((x) => x.c);
}

/** Opening of the file (the activities follow, then IATI_FOOTER). */
export function iatiHeader(generatedAt: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${generatedAt}">\n`;
}
export const IATI_FOOTER = '</iati-activities>\n';
