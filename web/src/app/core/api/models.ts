/**
 * API contracts, written by hand from the API's DTOs.
 * TODO: replace with the types generated from the API's OpenAPI document
 * (`node tools/api-types.mjs web/src/app/core/api/openapi.json` → api-types.ts).
 */

export const ROLES = ['admin', 'staff', 'director', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const ACTION_KINDS = [
  'cooperation_project',
  'city_to_city',
  'network_membership',
  'award',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const INSTITUTE_ROLES = ['recipient', 'provider', 'both'] as const;
export type InstituteRole = (typeof INSTITUTE_ROLES)[number];

export const SCHEMES = [
  'bilateral',
  'multilateral',
  'triangular',
  'south_south',
  'decentralised',
] as const;
export type Scheme = (typeof SCHEMES)[number];

export const MODALITIES = [
  'technical',
  'financial',
  'educational_cultural',
  'humanitarian',
  'in_kind_donation',
  'prize',
  'other',
] as const;
export type Modality = (typeof MODALITIES)[number];

/** IATI ActivityStatus 1–6. */
export const ACTION_STATUSES = [
  'pipeline',
  'implementation',
  'finalisation',
  'closed',
  'cancelled',
  'suspended',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PARTICIPATION_ROLES = [
  'funding',
  'accountable',
  'extending',
  'implementing',
  'beneficiary',
  'counterpart',
] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

export const INSTRUMENT_TYPES = ['agreement', 'mou', 'letter', 'contract'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];

export const FUNDING_TYPES = [
  'ceiling',
  'commitment',
  'disbursement',
  'expenditure',
  'in_kind',
  'prize',
] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const CURRENCIES = ['MXN', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const MILESTONE_TYPES = [
  'application',
  'selection_notice',
  'agreement_signed',
  'kickoff',
  'technical_visit',
  'workshop',
  'study_delivered',
  'pilot',
  'launch',
  'closure',
  'other',
] as const;
export type MilestoneType = (typeof MILESTONE_TYPES)[number];

export type MilestoneStatus = 'planned' | 'done' | 'late';
export type DatePrecision = 'day' | 'month' | 'year';

export const ORGANISATION_TYPES = [
  'multilateral',
  'bilateral_agency',
  'national_government',
  'subnational_government',
  'city_network',
  'ngo_foundation',
  'academia',
  'private',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export interface ApiErrorDetail {
  field: string;
  code: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ── auth & users ───────────────────────────────────────────────────────────
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
}

export interface SignInResponse {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  active: boolean;
  lastSignInAt: string | null;
  version: number;
  createdAt: string;
}

export interface CreatedUser extends User {
  temporaryPassword?: string;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  organisationId?: string;
  password?: string;
}

export interface UpdateUserRequest {
  version: number;
  name?: string;
  role?: Role;
  active?: boolean;
  organisationId?: string | null;
}

// ── organisations ──────────────────────────────────────────────────────────
export interface Organisation {
  id: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  country: string | null;
  iatiRef: string | null;
  website: string | null;
  actionCount: number;
}

export interface OrganisationDetail extends Organisation {
  actions: ActionSummary[];
}

// ── actions ────────────────────────────────────────────────────────────────
export interface ActionPartner {
  id: string;
  name: string;
  acronym: string | null;
  role: ParticipationRole;
}

export interface ActionSummary {
  id: string;
  code: string;
  kind: ActionKind;
  titleEs: string;
  titleEn: string | null;
  status: ActionStatus | null;
  instituteRole: InstituteRole;
  modality: Modality | null;
  themes: string[];
  municipalities: string[];
  sdgs: number[];
  partners: ActionPartner[];
  actualStart: string | null;
  actualEnd: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  overdueMilestones: number;
  version: number;
  updatedAt: string;
  archivedAt: string | null;
}

export interface Participation {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationAcronym: string | null;
  role: ParticipationRole;
  notes: string | null;
  version: number;
}

export interface Instrument {
  id: string;
  type: InstrumentType;
  title: string;
  parties: string[];
  signedOn: string | null;
  signedOnPrecision: DatePrecision | null;
  validFrom: string | null;
  validTo: string | null;
  documentUrl: string | null;
  version: number;
}

export interface Funding {
  id: string;
  type: FundingType;
  /** Decimal string, e.g. "16187025.00". */
  amount: string;
  currency: Currency | null;
  valueDate: string | null;
  valueDatePrecision: DatePrecision | null;
  providerId: string | null;
  providerName: string | null;
  receiverId: string | null;
  receiverName: string | null;
  description: string | null;
  version: number;
}

export interface Milestone {
  id: string;
  type: MilestoneType;
  title: string;
  plannedDate: string | null;
  actualDate: string | null;
  datePrecision: DatePrecision;
  status: MilestoneStatus;
  notes: string | null;
  version: number;
}

export interface Indicator {
  id: string;
  name: string;
  unit: string | null;
  baseline: string | null;
  target: string | null;
  actual: string | null;
  actualDate: string | null;
  notes: string | null;
  version: number;
}

export interface Result {
  id: string;
  statement: string;
  version: number;
  indicators: Indicator[];
}

export interface ActionDocument {
  id: string;
  title: string;
  url: string;
  milestoneId: string | null;
  resultId: string | null;
  version: number;
}

export interface ActionDetail extends ActionSummary {
  summaryEs: string | null;
  summaryEn: string | null;
  objectives: string | null;
  scheme: Scheme | null;
  unit: string | null;
  planAlignment: string[];
  parentProgramme: string | null;
  relatedActions: { id: string; code: string; titleEs: string }[];
  source: string | null;
  notes?: string | null;
  institute: { id: string; name: string; acronym: string | null } | null;
  participations: Participation[];
  instruments: Instrument[];
  funding: Funding[];
  milestones: Milestone[];
  results: Result[];
  documents: ActionDocument[];
}

export interface HistoryEntry {
  id: string;
  at: string;
  actorEmail: string | null;
  operation: 'create' | 'update' | 'archive' | 'restore' | 'delete';
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface CreateActionRequest {
  code: string;
  kind: ActionKind;
  titleEs: string;
  titleEn?: string;
  summaryEs?: string;
  instituteRole: InstituteRole;
  status?: ActionStatus;
  scheme?: Scheme;
  modality?: Modality;
  themes?: string[];
  municipalities?: string[];
  sdgs?: number[];
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
  parentProgramme?: string;
  unit?: string;
  objectives?: string;
  notes?: string;
}

export interface CreateParticipationRequest {
  organisationId: string;
  role: ParticipationRole;
  notes?: string;
}

export interface CreateFundingRequest {
  type: FundingType;
  amount: string;
  currency: Currency;
  valueDate?: string;
  providerId?: string;
  receiverId?: string;
  description?: string;
}

export interface CreateMilestoneRequest {
  type: MilestoneType;
  title: string;
  plannedDate?: string;
  actualDate?: string;
  notes?: string;
}

// ── dashboard ──────────────────────────────────────────────────────────────
/** GET /api/v1/dashboard/summary → `CountDto` (key null = not stated). */
export interface KeyCount {
  key: string | null;
  count: number;
}

/** `CurrencyAmountDto`: the sum in one original currency and its converted part. */
export interface CurrencyAmount {
  currency: string;
  amount: string;
  converted: string | null;
}

/** `UnconvertedDto`: a money record left out of a total. */
export interface UnconvertedRecord {
  fundingId: string;
  actionId: string;
  actionCode: string;
  type: string;
  amount: string;
  currency: string | null;
  valueDate: string | null;
  reason: 'currency_not_stated' | 'no_value_date' | 'no_rate';
}

/** `MoneyFigureDto`: one key figure (amounts are decimal strings). */
export interface MoneyFigure {
  total: string;
  currency: string;
  byCurrency: CurrencyAmount[];
  records: number;
  unconvertedCount: number;
  unconverted?: UnconvertedRecord[];
}

export interface MoneyFigures {
  ceilings: MoneyFigure;
  committed: MoneyFigure;
  executed: MoneyFigure;
  inKind: MoneyFigure;
}

/** `SummaryDto`, as the API sends it. */
export interface DashboardSummary {
  currency: Currency;
  asOf: string;
  money: MoneyFigures;
  actions: number;
  activeActions: number;
  actionsByKind: KeyCount[];
  actionsByStatus: KeyCount[];
  partners: number;
  overdueMilestones: number;
}
