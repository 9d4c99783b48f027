/** IATI codelists → Coopera's values (docs/imports.md has the tables). */

/** OrganisationRole → participation role. */
export const ROLE: Record<string, string> = {
  '1': 'funding',
  '2': 'accountable',
  '3': 'extending',
  '4': 'implementing',
};

/** ActivityStatus → action status. */
export const STATUS: Record<string, string> = {
  '1': 'pipeline',
  '2': 'implementation',
  '3': 'finalisation',
  '4': 'closed',
  '5': 'cancelled',
  '6': 'suspended',
};

/**
 * TransactionType → our funding type (docs/imports.md has the table of how totals treat each).
 * The code itself is kept (funding.iati_type) and exported back as it came.
 */
export const TRANSACTION: Record<string, string> = {
  '1': 'incoming_funds',
  '2': 'commitment',
  '3': 'disbursement',
  '4': 'expenditure',
  '5': 'repayment',
  '6': 'repayment',
  '7': 'expenditure',
  '8': 'other_flow',
  '9': 'other_flow',
  '10': 'other_flow',
  '11': 'incoming_commitment',
  '12': 'other_flow',
  '13': 'other_flow',
};

/** CollaborationType → cooperation scheme. */
export const SCHEME: Record<string, string> = {
  '1': 'bilateral',
  '2': 'multilateral',
  '3': 'bilateral',
  '4': 'multilateral',
  '7': 'bilateral',
  '8': 'triangular',
};

/** OrganisationType → ours. */
export function orgTypeOf(code: string | undefined): string {
  if (!code) return 'other';
  if (code === '10' || code === '15') return 'bilateral_agency';
  if (code === '11') return 'subnational_government';
  if (code === '40') return 'multilateral';
  if (['21', '22', '23', '24', '60'].includes(code)) return 'ngo_foundation';
  if (['70', '71', '72', '73'].includes(code)) return 'private';
  if (code === '80') return 'academia';
  return 'other';
}
