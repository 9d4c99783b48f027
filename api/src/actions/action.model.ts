/** The vocabularies of the portfolio (stored as text, validated by DTOs and CHECKs). */
export const ACTION_KINDS = [
  'cooperation_project',
  'city_to_city',
  'network_membership',
  'award',
] as const;
export const INSTITUTE_ROLES = ['recipient', 'provider', 'both'] as const;
export const SCHEMES = [
  'bilateral',
  'multilateral',
  'triangular',
  'south_south',
  'decentralised',
] as const;
export const MODALITIES = [
  'technical',
  'financial',
  'educational_cultural',
  'humanitarian',
  'in_kind_donation',
  'prize',
  'other',
] as const;
/** IATI ActivityStatus 1–6. */
export const ACTION_STATUSES = [
  'pipeline',
  'implementation',
  'finalisation',
  'closed',
  'cancelled',
  'suspended',
] as const;
export const PARTICIPATION_ROLES = [
  'funding',
  'accountable',
  'extending',
  'implementing',
  'beneficiary',
  'counterpart',
  /** The organisation that reports the activity in IATI (reporting-org). */
  'reporting',
] as const;
export const INSTRUMENT_TYPES = ['agreement', 'mou', 'letter', 'contract'] as const;
export const FUNDING_TYPES = [
  'ceiling',
  'commitment',
  'disbursement',
  'expenditure',
  'in_kind',
  'prize',
  // IATI money that is not the four key figures (docs/imports.md, "How totals treat each kind").
  'ceiling_superseded',
  'planned_disbursement',
  'incoming_funds',
  'incoming_commitment',
  'repayment',
  'other_flow',
] as const;
/** IATI BudgetType (1 original, 2 revised) and BudgetStatus (1 indicative, 2 committed). */
export const BUDGET_TYPES = ['original', 'revised'] as const;
export const BUDGET_STATUSES = ['indicative', 'committed'] as const;
export const MILESTONE_TYPES = [
  'application',
  'selection_notice',
  'agreement_signed',
  'kickoff',
  'technical_visit',
  'meeting',
  'workshop',
  'study_delivered',
  'pilot',
  'launch',
  'closure',
  'other',
] as const;
export const MILESTONE_STATUSES = ['planned', 'done', 'late'] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];
export type InstituteRole = (typeof INSTITUTE_ROLES)[number];
export type Scheme = (typeof SCHEMES)[number];
export type Modality = (typeof MODALITIES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
export type FundingType = (typeof FUNDING_TYPES)[number];
export type BudgetType = (typeof BUDGET_TYPES)[number];
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];
export type MilestoneType = (typeof MILESTONE_TYPES)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
