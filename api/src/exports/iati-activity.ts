import { ORGANISATION_TYPES, type OrganisationType } from '../organisations/organisation.entity';
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
const BUDGET_KINDS = new Set(['ceiling', 'ceiling_superseded']);

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

const nonEmpty = (s: string | null | undefined): s is string => Boolean(s && s.trim());

/** A text an import stored with its language noted ("[de] …": no Spanish one was published). */
const NOTED_LANGUAGE = /^\[([a-z]{2,3}(?:-[a-z0-9]+)?)\] ([\s\S]+)$/;

const narratives = (es: string | null | undefined, en?: string | null): XmlNode[] => {
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

const themeLabel = (slug: string) => {
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

function documentLink(url: string, title: string, category: string): XmlElement {
  const path = new URL(url).pathname;
  const format = FORMATS.find(([re]) => re.test(path))?.[1] ?? 'text/html';
  return el('document-link', { url, format }, [
    el('title', undefined, [textEl('narrative', nonEmpty(title) ? title : url)]),
    el('category', { code: category }),
  ]);
}

function orgNode(
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

function fundingText(f: ActionBundle['funding'][number]): string {
  const kind: Record<string, string> = {
    ceiling: 'Tope de asistencia (no es dinero recibido)',
    in_kind: 'Aportación en especie',
    commitment: 'Compromiso',
    disbursement: 'Desembolso',
    expenditure: 'Ejercicio',
    prize: 'Premio',
    ceiling_superseded: 'Presupuesto original sustituido por uno revisado',
    planned_disbursement: 'Desembolso planeado',
    incoming_funds: 'Fondos recibidos',
    incoming_commitment: 'Compromiso recibido',
    repayment: 'Reembolso',
    other_flow: 'Otro flujo',
  };
  const parts = [
    `${kind[f.type] ?? f.type}: ${f.currency ?? '(moneda no indicada)'} ${f.amount}`,
    f.valueDate ? `fecha ${f.valueDate}` : 'sin fecha',
    f.provider ? `de ${f.provider.name}` : null,
    f.receiver ? `para ${f.receiver.name}` : null,
  ].filter(Boolean);
  return `${parts.join(', ')}.${nonEmpty(f.description) ? ` ${f.description}` : ''}`;
}

function indicatorNode(
  i: ActionBundle['results'][number]['indicators'][number],
  a: ActionBundle,
  today: string,
): XmlElement {
  const notes: string[] = [];
  if (nonEmpty(i.unit)) notes.push(`Unidad: ${i.unit}`);
  const kept = i.iati;
  const d = kept?.derived;
  if (
    kept &&
    d &&
    [d.baseline, d.target, d.actual, d.baselineText, d.targetText, d.actualText].join('|') ===
      [i.baseline, i.target, i.actual, i.baselineText, i.targetText, i.actualText]
        .map((x) => x ?? null)
        .join('|')
  ) {
    // Baseline and every period as published, while the values are the ones imported.
    return el('indicator', { measure: '1', ...kept.attrs }, [
      el('title', undefined, [textEl('narrative', nonEmpty(i.name) ? i.name : '—')]),
      notes.length > 0 && el('description', undefined, [textEl('narrative', notes.join('. '))]),
      ...kept.elements,
    ]);
  }
  // The value as the source wrote it, else the number.
  const baselineValue = i.baselineText ?? i.baseline;
  const targetValue = i.targetText ?? i.target;
  const actualValue = i.actualText ?? i.actual;
  let baseline: XmlElement | null = null;
  if (baselineValue !== null) {
    if (i.baselineDate) {
      baseline = el('baseline', {
        year: i.baselineDate.slice(0, 4),
        'iso-date': i.baselineDate,
        value: baselineValue,
      });
    } else notes.push(`Línea base: ${baselineValue} (sin fecha)`);
  }
  let period: XmlElement | null = null;
  if (targetValue !== null || actualValue !== null) {
    const dated = [
      targetValue !== null ? i.targetDate : null,
      actualValue !== null ? i.actualDate : null,
    ]
      .filter((d): d is string => Boolean(d))
      .sort();
    const dates = activityDates(a, today);
    const end = dated.at(-1) ?? dates.find((d) => d.type === '4' || d.type === '3')?.date;
    let start = i.baselineDate ?? dates.find((d) => d.type === '2' || d.type === '1')?.date;
    if (end && start && start > end) start = dated[0] ?? end;
    if (end && start && start <= end) {
      period = el('period', undefined, [
        el('period-start', { 'iso-date': start }),
        el('period-end', { 'iso-date': end }),
        targetValue !== null && el('target', { value: targetValue }),
        actualValue !== null && el('actual', { value: actualValue }),
      ]);
    } else {
      if (targetValue !== null) notes.push(`Meta: ${targetValue}`);
      if (actualValue !== null) notes.push(`Logro: ${actualValue}`);
    }
  }
  return el('indicator', { measure: '1' }, [
    el('title', undefined, [textEl('narrative', nonEmpty(i.name) ? i.name : '—')]),
    notes.length > 0 && el('description', undefined, [textEl('narrative', notes.join('. '))]),
    baseline,
    period,
  ]);
}

/** The <iati-activity> of one action (call only when unpublishableReasons() is empty). */
export function buildActivity(a: ActionBundle, ctx: IatiContext): XmlElement {
  const home = a.institute?.country ?? 'MX';
  const comments: XmlNode[] = [];

  const participating = a.participations
    // Rule 6.10.1: an organisation needs a ref or a narrative; with neither it is left out.
    .filter((p) => IATI_ROLE[p.role] && (usableOrgRef(p.iatiRef) || nonEmpty(p.name)))
    .sort((x, y) => Number(IATI_ROLE[x.role]) - Number(IATI_ROLE[y.role]))
    .map((p) =>
      el(
        'participating-org',
        { ref: usableOrgRef(p.iatiRef), type: iatiOrgType(p, home), role: IATI_ROLE[p.role] },
        nonEmpty(p.name) ? [textEl('narrative', p.name)] : [],
      ),
    );
  if (!participating.length) {
    // The schema needs one: the institute runs (implements) every action.
    participating.push(
      el(
        'participating-org',
        { type: iatiOrgType(a.institute ?? { type: 'other', country: home }, home), role: '4' },
        [textEl('narrative', nonEmpty(a.institute?.name) ? a.institute.name : ctx.reportingOrgRef)],
      ),
    );
  }

  const beneficiaries = a.participations.filter((p) => p.role === 'beneficiary').map((p) => p.name);
  const counterparts = a.participations.filter((p) => p.role === 'counterpart').map((p) => p.name);

  // Recipient country: where the action happens. Provider actions: the counterparts'/beneficiaries' countries.
  let countries = [home];
  if (a.instituteRole === 'provider') {
    const abroad = [
      ...new Set(
        a.participations
          .filter((p) => (p.role === 'beneficiary' || p.role === 'counterpart') && p.country)
          .map((p) => p.country as string),
      ),
    ].sort();
    if (abroad.length) countries = abroad;
  }
  const countryShares = splitPercentages(countries.length);

  const themes = [...new Set(a.themes.filter(nonEmpty).map((t) => t.trim()))];
  const sectors: XmlElement[] = themes.length
    ? themes.map((t, i) =>
        el(
          'sector',
          {
            vocabulary: '99',
            code: t,
            percentage: themes.length > 1 ? splitPercentages(themes.length)[i] : undefined,
          },
          [textEl('narrative', (ctx.themeLabel ?? themeLabel)(t))],
        ),
      )
    : a.sdgs.map((g, i) =>
        el('sector', {
          vocabulary: '7',
          code: String(g),
          percentage: a.sdgs.length > 1 ? splitPercentages(a.sdgs.length)[i] : undefined,
        }),
      );

  const budgets: XmlElement[] = [];
  const plannedDisbursements: XmlElement[] = [];
  const transactions: XmlElement[] = [];
  const otherFunding: string[] = [];
  for (const f of a.funding) {
    const money = f.currency && f.valueDate ? f : null;
    const valueOf = (m: { currency: string | null; valueDate: string | null; amount: string }) =>
      textEl('value', m.amount, {
        currency: m.currency === ctx.defaultCurrency ? undefined : (m.currency ?? undefined),
        'value-date': m.valueDate ?? undefined,
      });
    const periodOk = f.periodStart && (!f.periodEnd || f.periodStart <= f.periodEnd);
    if (BUDGET_KINDS.has(f.type) && money && periodOk && f.periodEnd) {
      budgets.push(
        el(
          'budget',
          {
            type: f.type === 'ceiling_superseded' || f.budgetType === 'original' ? '1' : '2',
            status: f.budgetStatus === 'committed' ? '2' : '1',
          },
          [
            el('period-start', { 'iso-date': f.periodStart }),
            el('period-end', { 'iso-date': f.periodEnd }),
            valueOf(money),
          ],
        ),
      );
      continue;
    }
    if (f.type === 'planned_disbursement' && money && periodOk) {
      plannedDisbursements.push(
        el(
          'planned-disbursement',
          { type: f.budgetType ? (f.budgetType === 'revised' ? '2' : '1') : undefined },
          [
            el('period-start', { 'iso-date': f.periodStart }),
            f.periodEnd ? el('period-end', { 'iso-date': f.periodEnd }) : null,
            valueOf(money),
            orgNode('provider-org', f.provider, home),
            orgNode('receiver-org', f.receiver, home),
          ],
        ),
      );
      continue;
    }
    const type = f.type === 'ceiling' ? undefined : (f.iatiType ?? IATI_TRANSACTION[f.type]);
    if (!type) {
      otherFunding.push(fundingText(f));
      continue;
    }
    if (!f.currency || !f.valueDate) {
      // Not a valid IATI value (currency or value date not stated): kept as text, not dropped.
      otherFunding.push(fundingText(f));
      comments.push({
        comment: `funding ${f.id} (${f.type} ${f.amount}): ${
          f.currency ? 'no value date' : 'currency not stated in the source'
        }; reported as a description, not as a transaction`,
      });
      continue;
    }
    const value = textEl('value', f.amount, {
      currency: f.currency === ctx.defaultCurrency ? undefined : f.currency,
      'value-date': f.valueDate,
    });
    if (f.valueDate > ctx.today) {
      if (f.type === 'disbursement') {
        plannedDisbursements.push(
          el('planned-disbursement', undefined, [
            el('period-start', { 'iso-date': f.valueDate }),
            value,
            orgNode('provider-org', f.provider, home),
            orgNode('receiver-org', f.receiver, home),
          ]),
        );
      } else {
        comments.push({
          comment: `funding ${f.id} (${f.type}): dated in the future; not a transaction yet`,
        });
      }
      continue;
    }
    transactions.push(
      el('transaction', { ref: f.ref ?? undefined }, [
        el('transaction-type', { code: type }),
        el('transaction-date', { 'iso-date': f.valueDate }),
        value,
        f.iati?.description && f.iati.derived === f.description
          ? f.iati.description
          : nonEmpty(f.description) &&
            el('description', undefined, [textEl('narrative', f.description)]),
        orgNode('provider-org', f.provider, home),
        orgNode('receiver-org', f.receiver, home),
      ]),
    );
  }

  const documents: XmlElement[] = [];
  for (const d of a.documents.filter((x) => !x.resultId)) {
    const url = iatiUrl(d.url);
    // Imported: as published while its title and URL are unchanged.
    if (d.iati && d.iati.derived.title === d.title && d.iati.derived.url === d.url)
      documents.push(d.iati.element);
    else if (url) documents.push(documentLink(url, d.title, 'A07'));
    else comments.push({ comment: `document ${d.id}: not an absolute http(s) URL; not exported` });
  }
  for (const ins of a.instruments) {
    const url = ins.documentUrl ? iatiUrl(ins.documentUrl) : undefined;
    if (url)
      documents.push(
        documentLink(url, ins.title, ins.type === 'mou' || ins.type === 'letter' ? 'A09' : 'A11'),
      );
  }

  const results = a.results.map((r) => {
    const docs = a.documents
      .filter((d) => d.resultId === r.id)
      .flatMap((d) => {
        const url = iatiUrl(d.url);
        return url ? [documentLink(url, d.title, 'A08')] : [];
      });
    const title = nonEmpty(r.statement) ? r.statement : '—';
    const indicators = r.indicators.length
      ? r.indicators.map((i) => indicatorNode(i, a, ctx.today))
      : // A result stated without numbers: one qualitative indicator carrying the statement.
        [el('indicator', { measure: '5' }, [el('title', undefined, [textEl('narrative', title)])])];
    return el('result', { type: '9' }, [
      el('title', undefined, [textEl('narrative', title)]),
      ...docs,
      ...indicators,
    ]);
  });

  const title = nonEmpty(a.titleEs) ? a.titleEs : a.code;
  const description =
    nonEmpty(a.summaryEs) || nonEmpty(a.summaryEn)
      ? narratives(a.summaryEs, a.summaryEn)
      : narratives(title, a.titleEn);

  // What an IATI import kept, written back while the fields it fed are unchanged.
  const kept = a.iati ?? null;
  const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
  const keptTitle =
    kept?.title && same(a.titleEs, kept.derived.titleEs) && same(a.titleEn, kept.derived.titleEn)
      ? kept.title
      : null;
  const keptDescriptions =
    kept?.descriptions.length &&
    same(a.summaryEs, kept.derived.summaryEs) &&
    same(a.summaryEn, kept.derived.summaryEn) &&
    same(a.objectives, kept.derived.objectives)
      ? kept.descriptions
      : null;
  const keptSectors =
    kept &&
    same([...a.themes].sort(), [...kept.derived.themes].sort()) &&
    same([...a.sdgs].sort(), [...kept.derived.sdgs].sort());
  const keptElements = (kept?.elements ?? []).filter(
    (e) => keptSectors || (e.name !== 'sector' && e.name !== 'tag'),
  );
  const keptTexts = new Set(
    (keptDescriptions ?? []).flatMap((d) => (d.children ?? []).map((n) => (n as XmlElement).text)),
  );
  const generatedDescription = (type: string, text: string) =>
    keptTexts.has(text) ? null : el('description', { type }, narratives(text));
  // An imported activity is where its file says (no country claimed for it).
  const recipientCountries = kept
    ? []
    : countries.map((c, i) =>
        el('recipient-country', {
          code: c,
          percentage: countries.length > 1 ? countryShares[i] : undefined,
        }),
      );

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
    ...otherFunding.map((t) => generatedDescription('4', t)),
    ...participating,
    el('activity-status', { code: activityStatus(a, ctx.today) }),
    ...activityDates(a, ctx.today).map((d) =>
      el('activity-date', { type: d.type, 'iso-date': d.date }),
    ),
    ...recipientCountries,
    ...(keptSectors ? [] : sectors),
    ...(keptSectors ? [] : a.sdgs.map((g) => el('tag', { vocabulary: '2', code: String(g) }))),
    ...budgets,
    ...plannedDisbursements,
    ...transactions,
    ...documents,
    ...results,
    ...keptElements,
  ];
  const rank = (n: XmlNode) => (isElement(n) ? ACTIVITY_ORDER.indexOf(n.name) : -1);
  const ordered = children
    .filter((c): c is XmlNode => Boolean(c))
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i)
    .map((x) => x.c);

  return el(
    'iati-activity',
    {
      'last-updated-datetime': a.updatedAt,
      'xml:lang': 'es',
      'default-currency': ctx.defaultCurrency,
    },
    [...comments, ...ordered],
  );
}

/** Opening of the file (the activities follow, then IATI_FOOTER). */
export function iatiHeader(generatedAt: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${generatedAt}">\n`;
}
export const IATI_FOOTER = '</iati-activities>\n';
