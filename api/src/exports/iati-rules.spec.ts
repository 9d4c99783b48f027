import { checkIatiActivity } from './iati-rules';
import { el, textEl, XmlElement } from './iati-xml';

const narrative = (text: string) => textEl('narrative', text);
const NOW = new Date('2026-06-01T12:00:00Z');

/** An activity that breaks at least one rule of every group, in a known order. */
function brokenActivity(): XmlElement {
  return el('iati-activity', { 'last-updated-datetime': '2027-01-01T00:00:00Z' }, [
    textEl('iati-identifier', 'MX/1'),
    el('reporting-org', { ref: 'MX-1' }),
    el('title', {}, []),
    el('activity-date', { type: '1', 'iso-date': '2030-01-01' }),
    el('activity-date', { type: '3', 'iso-date': '2029-01-01' }),
    el('participating-org', { role: '1' }),
    el('recipient-country', { code: 'MX', percentage: '60' }),
    el('recipient-country', { code: 'CO', percentage: '30' }),
    el('sector', { vocabulary: '1', code: '15110', percentage: '50' }),
    el('sector', { vocabulary: '1', code: '15111', percentage: '40' }),
    el('sector', { vocabulary: '99', code: 'tema' }),
    el('budget', {}, [
      el('period-start', { 'iso-date': '2026-12-31' }),
      el('period-end', { 'iso-date': '2026-01-01' }),
      el('value', { currency: 'MXN' }),
    ]),
    el('transaction', {}, [
      el('transaction-date', { 'iso-date': '2999-01-01' }),
      el('value', { 'value-date': '2026-01-01' }),
      el('provider-org', { ref: 'A&B' }, [narrative('Proveedor')]),
    ]),
    el('result', {}, [
      el('title', {}, [narrative('Resultado')]),
      el('indicator', { measure: '1' }, [
        el('title', {}, [narrative('Indicador')]),
        el('baseline'),
      ]),
    ]),
  ]);
}

describe('IATI rules', () => {
  it('reports each broken rule once, group by group, with the ruleset’s ids and severities', () => {
    const found = checkIatiActivity(brokenActivity(), NOW).map((v) => `${v.id} ${v.severity}`);
    expect(found).toEqual([
      '1.1.21 warning',
      '1.3.13 warning',
      '11.1.2 error',
      '11.1.1 error',
      '4.1.1 error',
      '7.8.1 error',
      '11.2.1 error',
      '2.1.2 error',
      '2.2.1 error',
      '3.1.2 error',
      '6.10.1 error',
      '1.10.13 warning',
      '8.6.3 error',
      '8.8.1 error',
      '4.3.1 error',
    ]);
  });

  it('finds nothing wrong in a complete activity', () => {
    const ok = el('iati-activity', { 'xml:lang': 'es', 'default-currency': 'MXN' }, [
      textEl('iati-identifier', 'MX-1-A'),
      el('reporting-org', { ref: 'MX-1' }),
      el('title', {}, [narrative('Acción')]),
      el('activity-date', { type: '2', 'iso-date': '2025-01-01' }),
      el('recipient-country', { code: 'MX' }),
      el('sector', { vocabulary: '99', code: 'tema' }, [narrative('Tema')]),
    ]);
    expect(checkIatiActivity(ok, NOW)).toEqual([]);
  });
});
