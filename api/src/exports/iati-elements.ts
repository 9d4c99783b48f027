import { el, textEl, XmlElement, XmlNode } from './iati-xml';
import type { ActionBundle, IatiContext } from './iati-activity';
import {
  activityDates,
  BUDGET_KINDS,
  documentLink,
  IATI_ROLE,
  IATI_TRANSACTION,
  iatiOrgType,
  iatiUrl,
  nonEmpty,
  orgNode,
  splitPercentages,
  themeLabel,
  usableOrgRef,
} from './iati-codes';

/* Parts of an <iati-activity> that take more than a line: funding as text, indicators. */

export function fundingText(f: ActionBundle['funding'][number]): string {
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

export function indicatorNode(
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

/** The participating organisations (the institute as implementer when none qualifies). */
export function participatingOrgs(a: ActionBundle, ctx: IatiContext, home: string): XmlElement[] {
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
  return participating;
}

/** Recipient countries: where the action happens; for a provider, its counterparts' and beneficiaries'. */
function recipientCountryCodes(a: ActionBundle, home: string): string[] {
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
  return countries;
}

/** The <recipient-country> elements, shares split to add up to 100. */
export function recipientCountryNodes(a: ActionBundle, home: string): XmlElement[] {
  const countries = recipientCountryCodes(a, home);
  const shares = splitPercentages(countries.length);
  return countries.map((c, i) =>
    el('recipient-country', { code: c, percentage: countries.length > 1 ? shares[i] : undefined }),
  );
}

/** Sectors: the themes (vocabulary 99), else the SDGs (vocabulary 7). */
export function sectorNodes(a: ActionBundle, ctx: IatiContext): XmlElement[] {
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
  return sectors;
}

type FundingRow = ActionBundle['funding'][number];

function valueNode(
  m: { currency: string | null; valueDate: string | null; amount: string },
  ctx: IatiContext,
): XmlElement {
  return textEl('value', m.amount, {
    currency: m.currency === ctx.defaultCurrency ? undefined : (m.currency ?? undefined),
    'value-date': m.valueDate ?? undefined,
  });
}

/** A ceiling as <budget>: original (1) when superseded or so imported, else revised (2). */
function budgetNode(f: FundingRow, value: XmlElement): XmlElement {
  return el(
    'budget',
    {
      type: f.type === 'ceiling_superseded' || f.budgetType === 'original' ? '1' : '2',
      status: f.budgetStatus === 'committed' ? '2' : '1',
    },
    [
      el('period-start', { 'iso-date': f.periodStart }),
      el('period-end', { 'iso-date': f.periodEnd }),
      value,
    ],
  );
}

function plannedNode(f: FundingRow, value: XmlElement, home: string): XmlElement {
  return el(
    'planned-disbursement',
    { type: f.budgetType ? (f.budgetType === 'revised' ? '2' : '1') : undefined },
    [
      el('period-start', { 'iso-date': f.periodStart }),
      f.periodEnd ? el('period-end', { 'iso-date': f.periodEnd }) : null,
      value,
      orgNode('provider-org', f.provider, home),
      orgNode('receiver-org', f.receiver, home),
    ],
  );
}

/**
 * The action's money as budgets, planned disbursements and transactions; what IATI has no
 * element for is kept as text (`otherFunding`) and said in a comment.
 */
export function fundingNodes(a: ActionBundle, ctx: IatiContext, home: string, comments: XmlNode[]) {
  const budgets: XmlElement[] = [];
  const plannedDisbursements: XmlElement[] = [];
  const transactions: XmlElement[] = [];
  const otherFunding: string[] = [];
  for (const f of a.funding) {
    const money = f.currency && f.valueDate ? f : null;
    const periodOk = f.periodStart && (!f.periodEnd || f.periodStart <= f.periodEnd);
    if (BUDGET_KINDS.has(f.type) && money && periodOk && f.periodEnd) {
      budgets.push(budgetNode(f, valueNode(money, ctx)));
      continue;
    }
    if (f.type === 'planned_disbursement' && money && periodOk) {
      plannedDisbursements.push(plannedNode(f, valueNode(money, ctx), home));
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
  return { budgets, plannedDisbursements, transactions, otherFunding };
}

/** Document links of the action (not of a result) and of its legal instruments. */
export function documentNodes(a: ActionBundle, comments: XmlNode[]): XmlElement[] {
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
  return documents;
}

/** Results with their documents and indicators. */
export function resultNodes(a: ActionBundle, ctx: IatiContext): XmlElement[] {
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
  return results;
}

/** What an IATI import kept, written back while the fields it fed are unchanged. */
export function keptParts(a: ActionBundle) {
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
  return { kept, keptTitle, keptDescriptions, keptSectors, keptElements, keptTexts };
}
