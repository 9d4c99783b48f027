import { activityOf } from './fixtures.test';
import { readBudgets, readPlannedDisbursements, readTransactions } from './money-readers';

const budget = (type: string, start: string, end: string, value: string) =>
  `<budget type="${type}" status="1"><period-start iso-date="${start}"/><period-end iso-date="${end}"/><value value-date="${start}">${value}</value></budget>`;

describe('money readers', () => {
  it('transactions: signed amounts, the reporting org as provider (receiver of incoming money), keys without the amount', () => {
    const a = activityOf(
      `<transaction ref="T-1"><transaction-type code="3"/><transaction-date iso-date="2024-02-01"/><value>-50.005</value></transaction>
       <transaction><transaction-type code="1"/><transaction-date iso-date="2024-01-01"/><value currency="USD">10</value></transaction>
       <transaction><transaction-type code="99"/><value>1</value></transaction>
       <transaction><transaction-type code="4"/><value>abc</value></transaction>`,
    );
    readTransactions(a);
    const rows = a.ctx.tables.funding.map((r) => r.values);
    expect(
      rows.map((v) => [v.type, v.amount, v.currency, v.provider, v.receiver, v._import_key]),
    ).toEqual([
      ['disbursement', '-50.01', 'EUR', 'Bank', null, 'transaction|ref|T-1#1'],
      ['incoming_funds', '10.00', 'USD', null, 'Bank', 'transaction|1|2024-01-01#1'],
    ]);
    expect(a.ctx.warnings.map((w) => w.code)).toEqual(['amount_rounded', 'skipped_transaction']);
    expect(a.ctx.issues.map((i) => [i.code, i.location.path])).toEqual([
      ['invalid_amount', 'iati-activity[1]/transaction[4]/value'],
    ]);
  });

  it('budgets keep period, type and status; planned disbursements stay plans', () => {
    const a = activityOf(
      budget('1', '2024-01-01', '2024-12-31', '100') +
        `<planned-disbursement type="1"><period-start iso-date="2030-01-01"/><period-end iso-date="2030-12-31"/><value>5</value></planned-disbursement>`,
    );
    readBudgets(a);
    readPlannedDisbursements(a);
    expect(a.ctx.tables.funding.map((r) => r.values)).toEqual([
      expect.objectContaining({
        type: 'ceiling',
        period_start: '2024-01-01',
        period_end: '2024-12-31',
        budget_type: 'original',
        budget_status: 'indicative',
      }),
      expect.objectContaining({
        type: 'planned_disbursement',
        period_start: '2030-01-01',
        budget_type: 'original',
      }),
    ]);
  });

  it('a revised budget supersedes the original only for the exact same period (start and end)', () => {
    const a = activityOf(
      budget('1', '2024-01-01', '2024-12-31', '100') +
        budget('2', '2024-01-01', '2024-06-30', '60') +
        budget('1', '2025-01-01', '2025-12-31', '200') +
        budget('2', '2025-01-01', '2025-12-31', '250') +
        budget('1', '2026-01-01', '2026-12-31', '300') +
        budget('2', '2026-02-01', '2026-12-31', '310'),
    );
    readBudgets(a);
    expect(a.ctx.tables.funding.map((r) => [r.values.type, r.values.amount])).toEqual([
      ['ceiling', '100.00'],
      ['ceiling', '60.00'],
      ['ceiling_superseded', '200.00'],
      ['ceiling', '250.00'],
      ['ceiling', '300.00'],
      ['ceiling', '310.00'],
    ]);
  });

  it('a transaction description keeps every narrative with its language (Spanish first, else noted)', () => {
    const a = activityOf(
      `<transaction><transaction-type code="3"/><value>1</value><description><narrative>Tranche</narrative><narrative xml:lang="de">Tranche (de)</narrative></description></transaction>
       <transaction><transaction-type code="3"/><value>2</value><description><narrative xml:lang="es">Primer pago</narrative></description></transaction>`,
    );
    readTransactions(a);
    const [first, second] = a.ctx.tables.funding.map((r) => r.values);
    expect(first.description).toBe('[en] Tranche');
    expect(first.iati).toEqual({
      derived: '[en] Tranche',
      description: {
        name: 'description',
        children: [
          { name: 'narrative', text: 'Tranche', attrs: { 'xml:lang': 'en' } },
          { name: 'narrative', text: 'Tranche (de)', attrs: { 'xml:lang': 'de' } },
        ],
      },
    });
    expect(second.description).toBe('Primer pago');
  });
});
