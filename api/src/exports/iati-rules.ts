import { attr, find, isElement, XmlElement } from './iati-xml';

/**
 * The rules of IATI's `rulesets/standard.json` (2.03) that can apply to what Coopera publishes,
 * checked on the activity tree before it is written. Ids and severities are the ruleset's.
 */
export interface RuleViolation {
  id: string;
  severity: 'error' | 'warning';
  message: string;
}

const FORBIDDEN_ID_CHARS = /[/&|?]/;
const hasText = (n: XmlElement) => find(n, 'narrative').some((x) => Boolean(x.text?.trim()));
const num = (s: string | undefined) => (s === undefined ? NaN : Number(s));

/** What every group of rules gets: the activity, the clock and where to report. */
interface RuleContext {
  activity: XmlElement;
  now: Date;
  today: string;
  fail(id: string, message: string, severity?: RuleViolation['severity']): void;
  /** Fails `id` when both dates are known and `less` comes after `more`. */
  order(id: string, less?: string, more?: string): void;
}

function checkIdentifiers({ activity, fail }: RuleContext): void {
  const identifier = find(activity, 'iati-identifier')[0]?.text ?? '';
  const reportingRef = attr(find(activity, 'reporting-org')[0] ?? { name: '' }, 'ref') ?? '';
  if (identifier === reportingRef) fail('1.1.3', 'identifier equals the reporting-org ref');
  if (!identifier.startsWith(`${reportingRef}-`))
    fail('1.1.21', 'identifier does not start with the reporting-org ref and "-"', 'warning');
  if (FORBIDDEN_ID_CHARS.test(identifier)) fail('1.3.13', 'identifier has / & | or ?', 'warning');
  if (FORBIDDEN_ID_CHARS.test(reportingRef)) fail('1.14.13', 'reporting-org ref has / & | ?');
  if (identifier !== identifier.trim()) fail('1.3.1', 'identifier has spaces', 'warning');
  if (reportingRef !== reportingRef.trim()) fail('1.14.1', 'reporting-org ref spaces', 'warning');
}

function checkActivityDates({ activity, now, today, fail, order }: RuleContext): void {
  const dates = new Map(
    find(activity, 'activity-date').map((d) => [attr(d, 'type'), attr(d, 'iso-date') ?? '']),
  );
  if (!dates.has('1') && !dates.has('2')) fail('6.11.1', 'no planned or actual start date');
  order('11.1.2', dates.get('1'), dates.get('3'));
  order('11.1.3', dates.get('2'), dates.get('4'));
  order('11.1.4', dates.get('2'), today);
  order('11.1.5', dates.get('4'), today);
  const updated = attr(activity, 'last-updated-datetime');
  if (updated && new Date(updated).getTime() > now.getTime())
    fail('11.1.1', 'last-updated-datetime is in the future');
}

/** Default language and currency, and transactions dated no later than today. */
function checkLanguageAndMoney({ activity, today, fail, order }: RuleContext): void {
  if (!attr(activity, 'xml:lang')) fail('4.1.1', 'no default language');
  if (!attr(activity, 'default-currency')) {
    const values = [
      ...find(activity, 'transaction/value'),
      ...find(activity, 'planned-disbursement/value'),
      ...find(activity, 'budget/value'),
    ];
    if (values.some((v) => !attr(v, 'currency'))) fail('7.8.1', 'a value has no currency');
  }
  for (const t of find(activity, 'transaction')) {
    order('11.2.1', attr(find(t, 'transaction-date')[0], 'iso-date'), today);
    order('11.2.2', attr(find(t, 'value')[0], 'value-date'), today);
  }
}

/** The sum of percentages in hundredths (so that 33.33 + 33.33 + 33.34 is exactly 10000). */
const hundredths = (percentages: (string | undefined)[]) =>
  percentages.reduce((acc, p) => acc + Math.round(num(p) * 100), 0);

function checkSectors({ activity, fail }: RuleContext): void {
  const sectors = find(activity, 'sector');
  const transactionSectors = find(activity, 'transaction/sector');
  if (!sectors.length && !transactionSectors.length) fail('6.2.2', 'no sector');
  if (sectors.length && transactionSectors.length)
    fail('6.6.2', 'sector on activity and transactions');
  const byVocabulary = new Map<string, XmlElement[]>();
  for (const s of sectors) {
    const v = attr(s, 'vocabulary') || '1';
    byVocabulary.set(v, [...(byVocabulary.get(v) ?? []), s]);
  }
  for (const [vocabulary, list] of byVocabulary) {
    const percentages = list.map((s) => attr(s, 'percentage'));
    if (list.length > 1) {
      if (percentages.some((p) => p === undefined))
        fail('2.1.1', `vocabulary ${vocabulary}: missing %`);
      const sum = hundredths(percentages);
      if (sum !== 10000)
        fail('2.1.2', `vocabulary ${vocabulary}: percentages add up to ${sum / 100}`);
    } else if (percentages[0] !== undefined && num(percentages[0]) !== 100) {
      fail('2.1.4', `vocabulary ${vocabulary}: single sector with ${percentages[0]} %`);
    }
    if ((vocabulary === '98' || vocabulary === '99') && list.some((s) => !hasText(s)))
      fail('2.2.1', 'reporting-organisation sector without narrative');
  }
  for (const s of sectors) {
    const p = attr(s, 'percentage');
    if (p !== undefined && !(num(p) >= 0 && num(p) <= 100)) fail('12.3.1', `sector % ${p}`);
  }
}

function checkRecipients({ activity, fail }: RuleContext): void {
  const countries = find(activity, 'recipient-country');
  const regions = find(activity, 'recipient-region');
  const transactions = find(activity, 'transaction');
  if (!countries.length && !regions.length) {
    if (!transactions.length || transactions.some((t) => !find(t, 'recipient-country').length))
      fail('3.7.1', 'no recipient country or region');
    return;
  }
  if (regions.length) return;
  const percentages = countries.map((c) => attr(c, 'percentage'));
  if (countries.length > 1) {
    if (percentages.some((p) => p === undefined)) fail('3.1.1', 'country without %');
    const sum = hundredths(percentages);
    if (sum !== 10000) fail('3.1.2', `country percentages add up to ${sum / 100}`);
  } else if (percentages[0] !== undefined && num(percentages[0]) !== 100) {
    fail('3.1.4', 'single country not at 100 %');
  }
  for (const p of percentages)
    if (p !== undefined && !(num(p) >= 0 && num(p) <= 100)) fail('12.1.1', `country % ${p}`);
}

/** Participating, provider and receiver organisations; budget and plan periods in order. */
function checkOrganisations({ activity, fail, order }: RuleContext): void {
  for (const p of find(activity, 'participating-org')) {
    const ref = attr(p, 'ref');
    if (!ref && !hasText(p)) fail('6.10.1', 'participating-org without ref or narrative');
    if (ref && FORBIDDEN_ID_CHARS.test(ref))
      fail('1.8.13', `participating-org ref ${ref}`, 'warning');
    if (ref && ref !== ref.trim()) fail('1.8.1', 'participating-org ref spaces', 'warning');
  }
  for (const path of ['transaction', 'planned-disbursement']) {
    for (const [org, id] of [
      ['provider-org', '6.9.1'],
      ['receiver-org', '6.9.2'],
    ]) {
      for (const o of find(activity, `${path}/${org}`)) {
        const ref = attr(o, 'ref');
        if (!ref && !hasText(o)) fail(id, `${path}/${org} without ref or narrative`);
        if (ref && FORBIDDEN_ID_CHARS.test(ref)) fail('1.10.13', `${org} ref ${ref}`, 'warning');
      }
    }
  }
  for (const b of [...find(activity, 'planned-disbursement'), ...find(activity, 'budget')]) {
    order(
      '8.6.3',
      attr(find(b, 'period-start')[0] ?? { name: '' }, 'iso-date'),
      attr(find(b, 'period-end')[0] ?? { name: '' }, 'iso-date'),
    );
  }
}

const INDICATOR_VALUES = [
  ['baseline', '8.8'],
  ['period/target', '8.9'],
  ['period/actual', '8.10'],
] as const;

function checkIndicators({ activity, fail, order }: RuleContext): void {
  for (const indicator of find(activity, 'result/indicator')) {
    const measure = attr(indicator, 'measure');
    const quantitative = ['1', '2', '3', '4'].includes(measure ?? '');
    for (const [path, id] of INDICATOR_VALUES) {
      for (const v of find(indicator, path)) {
        const value = attr(v, 'value');
        if (quantitative && value === undefined) fail(`${id}.1`, `${path} without value`);
        if (quantitative && value !== undefined && Number.isNaN(Number(value)))
          fail(`${id}.2`, `${path} value ${value} is not a number`, 'warning');
        if (measure === '5' && value !== undefined)
          fail(`${id}.3`, `${path} value on a qualitative indicator`, 'warning');
      }
    }
    for (const period of find(indicator, 'period')) {
      order(
        '8.6.1',
        attr(find(period, 'period-start')[0], 'iso-date'),
        attr(find(period, 'period-end')[0], 'iso-date'),
      );
    }
  }
}

/** Titles and descriptions hold narrative text. */
function checkNarratives({ activity, fail }: RuleContext): void {
  const titled = [
    activity,
    ...find(activity, 'result'),
    ...find(activity, 'result/indicator'),
    ...find(activity, 'document-link'),
  ];
  for (const t of titled.flatMap((n) => find(n, 'title')))
    if (!hasText(t)) fail('4.3.1', 'title without narrative content');
  const described = [activity, ...find(activity, 'result'), ...find(activity, 'result/indicator')];
  for (const d of described.flatMap((n) => find(n, 'description')))
    if (!hasText(d)) fail('4.4.1', 'description without narrative content');
}

const RULE_GROUPS = [
  checkIdentifiers,
  checkActivityDates,
  checkLanguageAndMoney,
  checkSectors,
  checkRecipients,
  checkOrganisations,
  checkIndicators,
  checkNarratives,
];

export function checkIatiActivity(activity: XmlElement, now: Date): RuleViolation[] {
  const out: RuleViolation[] = [];
  const fail: RuleContext['fail'] = (id, message, severity = 'error') =>
    out.push({ id, severity, message });
  const order: RuleContext['order'] = (id, less, more) => {
    if (less && more && less > more) fail(id, `${less} is after ${more}`);
  };
  const ctx = { activity, now, today: now.toISOString().slice(0, 10), fail, order };
  for (const group of RULE_GROUPS) group(ctx);
  return out;
}

export const errorsOnly = (violations: RuleViolation[]) =>
  violations.filter((v) => v.severity === 'error');

/** Every element in document order (for tests). */
export function* walk(node: XmlElement): Generator<XmlElement> {
  yield node;
  for (const c of node.children ?? []) if (isElement(c)) yield* walk(c);
}
