import type { KeptIndicator } from '../iati-kept';
import { toXmlElement } from '../iati-kept';
import { nameKey, PositionKeys, readIndicatorNumber } from '../iati-values';
import { ActivityContext, addRow, at, fail, warn } from './read-context';
import { attr, decodeXmlText, isoDate, list, narratives, Node, one } from './xml-nodes';

/** An indicator value as written, and the number it states when unambiguous. */
const indicatorValue = (text: string | undefined) => ({
  number: readIndicatorNumber(text),
  text: text ?? null,
});
type Value = ReturnType<typeof indicatorValue>;

/** The periods of an indicator by end date; the last target and the last actual. */
function periodsOf(n: Node) {
  const periods = list(n, 'period')
    .map((p) => ({
      end: isoDate(one(p, 'period-end')),
      target: attr(one(p, 'target'), 'value'),
      actual: attr(one(p, 'actual'), 'value'),
    }))
    .sort((x, y) => String(x.end).localeCompare(String(y.end)));
  return {
    count: periods.length,
    target: [...periods].reverse().find((p) => p.target !== undefined),
    actual: [...periods].reverse().find((p) => p.actual !== undefined),
  };
}

/** The indicator as published (attributes, baseline, every period), for the export. */
function keptIndicator(a: ActivityContext, n: Node, b: Value, t: Value, v: Value): KeptIndicator {
  return {
    attrs: Object.fromEntries(
      Object.entries(n)
        .filter(([k]) => k.startsWith('@') && !k.slice(1).includes(':'))
        .map(([k, x]) => [k.slice(1), decodeXmlText(String(x))]),
    ),
    elements: Object.entries(n)
      .filter(([k]) => !k.startsWith('@') && k !== '#text' && !k.includes(':'))
      .filter(([k]) => k !== 'title' && k !== 'description')
      .flatMap(([k, x]) =>
        (Array.isArray(x) ? x : [x]).map((y) => toXmlElement(k, y, a.lang, decodeXmlText)),
      ),
    derived: {
      baseline: b.number,
      target: t.number,
      actual: v.number,
      baselineText: b.text,
      targetText: t.text,
      actualText: v.text,
    },
  };
}

/** One indicator of a result: name, values as written (numbers only when unambiguous). */
function readIndicator(
  a: ActivityContext,
  n: Node,
  ipath: string,
  result: { path: string; statement: string; keys: PositionKeys },
): void {
  const name = narratives(list(n, 'title')[0], a.lang)[0]?.text;
  const baseline = list(n, 'baseline')[0];
  const periods = periodsOf(n);
  // The export's stand-in for a result without numbers: not an indicator of its own.
  if (name === result.statement && !baseline && !periods.count) return;
  if (!name) return void fail(a, `${ipath}/title`, 'required', 'The indicator has no title');
  const description = narratives(list(n, 'description')[0], a.lang)[0]?.text;
  const year = attr(baseline, 'year');
  const b = indicatorValue(attr(baseline, 'value'));
  const t = indicatorValue(periods.target?.target);
  const v = indicatorValue(periods.actual?.actual);
  for (const [label, x] of [
    ['baseline', b],
    ['target', t],
    ['actual', v],
  ] as const)
    if (x.text !== null && x.number === null)
      warn(a, ipath, 'indicator_text_value', `The ${label} is not a number: kept as text`, x.text);
  const raw = {
    action_code: a.code,
    name,
    unit: description?.match(/^Unidad: ([^.]+)/)?.[1] ?? null,
    baseline_date: isoDate(baseline) ?? (year && /^\d{4}$/.test(year) ? `${year}-01-01` : null),
    target_date: periods.target?.end ?? null,
    actual_date: periods.actual?.end ?? null,
  };
  addRow(a.ctx, 'indicators', ipath, raw, {
    baseline: b.number,
    target: t.number,
    actual: v.number,
    baseline_text: b.text,
    target_text: t.text,
    actual_text: v.text,
    iati: keptIndicator(a, n, b, t, v),
    _result_key: result.path,
    _import_key: result.keys.next(`indicator|${nameKey(name)}`),
  });
}

/** Results (statement: the title) and their indicators, keyed by title and position among equals. */
export function readResults(a: ActivityContext): void {
  const resultKeys = new PositionKeys();
  list(a.node, 'result').forEach((r, ri) => {
    const path = at(a, `result[${ri + 1}]`);
    const statement = narratives(list(r, 'title')[0], a.lang)[0]?.text;
    if (!statement) return void fail(a, `${path}/title`, 'required', 'The result has no title');
    const added = addRow(
      a.ctx,
      'results',
      path,
      { action_code: a.code, statement },
      { _key: path, _import_key: resultKeys.next(`result|${nameKey(statement)}`) },
    );
    if (!added) return;
    const result = { path, statement, keys: new PositionKeys() };
    list(r, 'indicator').forEach((n, ni) =>
      readIndicator(a, n, `${path}/indicator[${ni + 1}]`, result),
    );
  });
}
