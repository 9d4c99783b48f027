import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { DatePrecision, numericString } from '../common/entity/columns';
import { Versioned } from '../common/entity/versioned';
import { Organisation } from '../organisations/organisation.entity';
import { Action } from './action.entity';
import {
  BUDGET_STATUSES,
  BUDGET_TYPES,
  BudgetStatus,
  BudgetType,
  FUNDING_TYPES,
  FundingType,
  inList,
  INSTRUMENT_TYPES,
  InstrumentType,
  MILESTONE_TYPES,
  MilestoneType,
  PARTICIPATION_ROLES,
  ParticipationRole,
} from './action.model';

/** Trigger-maintained columns: the application neither writes nor reads them. */
const CONVERSION = {
  type: 'numeric' as const,
  nullable: true,
  select: false,
  insert: false,
  update: false,
  transformer: numericString,
};
const CONVERSION_DATE = {
  type: 'date' as const,
  nullable: true,
  select: false,
  insert: false,
  update: false,
};

/** An organisation taking part in an action in one role. */
@Entity('participations')
@Unique('participations_action_org_role_key', ['actionId', 'organisationId', 'role'])
@Check('participations_role_check', `role IN (${inList(PARTICIPATION_ROLES)})`)
export class Participation extends Versioned {
  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Index('participations_org_idx')
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'text' })
  role: ParticipationRole;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Provenance: the key of the imported element that created the record (null: made by hand). */
  @Column({ type: 'text', name: 'import_key', nullable: true })
  importKey: string | null;
}

@Entity('legal_instruments')
@Check('legal_instruments_type_check', `type IN (${inList(INSTRUMENT_TYPES)})`)
@Check(
  'legal_instruments_validity_check',
  `valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from`,
)
export class LegalInstrument extends Versioned {
  @Index('legal_instruments_action_idx')
  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Column({ type: 'text' })
  type: InstrumentType;

  @Column({ type: 'text' })
  title: string;

  /** Names of the parties as written in the instrument. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  parties: string[];

  @Column({ type: 'date', name: 'signed_on', nullable: true })
  signedOn: string | null;

  @Column({ type: 'text', name: 'signed_on_precision', nullable: true })
  signedOnPrecision: DatePrecision | null;

  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

  @Column({ type: 'text', name: 'document_url', nullable: true })
  documentUrl: string | null;
}

/**
 * A money record. Ceilings ("technical assistance worth up to X") are never money received.
 * Never deleted by a cascade: an action holding money cannot be deleted, only archived.
 */
@Entity('funding')
@Index('funding_action_type_idx', ['actionId', 'type'])
// The records each reporting currency cannot convert (migration AddFundingConversions).
@Index('funding_unconverted_mxn_idx', { synchronize: false })
@Index('funding_unconverted_usd_idx', { synchronize: false })
@Index('funding_unconverted_eur_idx', { synchronize: false })
@Check('funding_type_check', `type IN (${inList(FUNDING_TYPES)})`)
// Imported IATI records may be negative (reversals, de-commitments): they net in every total.
@Check('funding_amount_check', `amount >= 0 OR import_key IS NOT NULL`)
@Check('funding_budget_type_check', `budget_type IN (${inList(BUDGET_TYPES)})`)
@Check('funding_budget_status_check', `budget_status IN (${inList(BUDGET_STATUSES)})`)
@Check('funding_currency_check', `currency IS NULL OR currency ~ '^[A-Z]{3}$'`)
export class Funding extends Versioned {
  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Column({ type: 'text' })
  type: FundingType;

  @Column({ type: 'numeric', precision: 18, scale: 2, transformer: numericString })
  amount: string;

  /** ISO 4217. Null only for historical records whose source does not state it (never converted). */
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Index('funding_value_date_idx')
  @Column({ type: 'date', name: 'value_date', nullable: true })
  valueDate: string | null;

  @Column({ type: 'text', name: 'value_date_precision', nullable: true })
  valueDatePrecision: DatePrecision | null;

  @Index('funding_provider_idx')
  @Column({ type: 'uuid', name: 'provider_id', nullable: true })
  providerId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'provider_id' })
  provider?: Organisation | null;

  @Column({ type: 'uuid', name: 'receiver_id', nullable: true })
  receiverId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'receiver_id' })
  receiver?: Organisation | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The IATI TransactionType code the record was read from (exported back as that code). */
  @Column({ type: 'text', name: 'iati_type', nullable: true })
  iatiType: string | null;

  /** The IATI transaction's own reference (@ref). */
  @Column({ type: 'text', nullable: true })
  ref: string | null;

  /** Budgets and planned disbursements: the period they cover. */
  @Column({ type: 'date', name: 'period_start', nullable: true })
  periodStart: string | null;

  @Column({ type: 'date', name: 'period_end', nullable: true })
  periodEnd: string | null;

  @Column({ type: 'text', name: 'budget_type', nullable: true })
  budgetType: BudgetType | null;

  @Column({ type: 'text', name: 'budget_status', nullable: true })
  budgetStatus: BudgetStatus | null;

  /** Provenance: the key of the imported element that created the record (null: made by hand). */
  @Column({ type: 'text', name: 'import_key', nullable: true })
  importKey: string | null;

  /** An IATI transaction's description as published, every narrative with its language. */
  @Column({ type: 'jsonb', nullable: true })
  iati: Record<string, unknown> | null;

  /**
   * The amount converted to each reporting currency (full precision, null = not convertible) and
   * the dates of the rates used. Maintained by PostgreSQL alone (triggers on funding and on
   * exchange_rates, migration AddFundingConversions): never written or read by the application.
   */
  @Column({ ...CONVERSION, name: 'amount_mxn' })
  amountMxn?: string | null;

  @Column({ ...CONVERSION, name: 'amount_usd' })
  amountUsd?: string | null;

  @Column({ ...CONVERSION, name: 'amount_eur' })
  amountEur?: string | null;

  /** Date of the rate of the record's own currency (null for MXN or when there is none). */
  @Column({ ...CONVERSION_DATE, name: 'rate_date' })
  rateDate?: string | null;

  @Column({ ...CONVERSION_DATE, name: 'usd_rate_date' })
  usdRateDate?: string | null;

  @Column({ ...CONVERSION_DATE, name: 'eur_rate_date' })
  eurRateDate?: string | null;
}

/** A dated event; its status (planned, done, late) is derived from the dates. */
@Entity('milestones')
@Index('milestones_action_idx', ['actionId', 'plannedDate'])
/** Open milestones by date, then id, with their action (migration IndexOpenMilestones). */
@Index('milestones_open_idx', { synchronize: false })
@Check('milestones_type_check', `type IN (${inList(MILESTONE_TYPES)})`)
@Check('milestones_date_check', `planned_date IS NOT NULL OR actual_date IS NOT NULL`)
export class Milestone extends Versioned {
  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Column({ type: 'text' })
  type: MilestoneType;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'date', name: 'planned_date', nullable: true })
  plannedDate: string | null;

  @Column({ type: 'date', name: 'actual_date', nullable: true })
  actualDate: string | null;

  @Column({ type: 'text', name: 'date_precision', default: 'day' })
  datePrecision: DatePrecision;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity('results')
export class Result extends Versioned {
  @Index('results_action_idx')
  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Column({ type: 'text' })
  statement: string;

  /** Provenance: the key of the imported element that created the record (null: made by hand). */
  @Column({ type: 'text', name: 'import_key', nullable: true })
  importKey: string | null;
}

/** A measurable indicator of a result: baseline → target → actual. */
@Entity('indicators')
export class Indicator extends Versioned {
  @Index('indicators_result_idx')
  @Column({ type: 'uuid', name: 'result_id' })
  resultId: string;

  @ManyToOne(() => Result, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id' })
  result?: Result;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericString })
  baseline: string | null;

  @Column({ type: 'date', name: 'baseline_date', nullable: true })
  baselineDate: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericString })
  target: string | null;

  @Column({ type: 'date', name: 'target_date', nullable: true })
  targetDate: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericString })
  actual: string | null;

  @Column({ type: 'date', name: 'actual_date', nullable: true })
  actualDate: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The values as the source wrote them (IATI @value is text: "Yes", "72,0000"). */
  @Column({ type: 'text', name: 'baseline_text', nullable: true })
  baselineText: string | null;

  @Column({ type: 'text', name: 'target_text', nullable: true })
  targetText: string | null;

  @Column({ type: 'text', name: 'actual_text', nullable: true })
  actualText: string | null;

  /** An IATI indicator's baseline and every period as published (iati-kept.ts). */
  @Column({ type: 'jsonb', nullable: true })
  iati: Record<string, unknown> | null;

  /** Provenance: the key of the imported element that created the record (null: made by hand). */
  @Column({ type: 'text', name: 'import_key', nullable: true })
  importKey: string | null;
}

/** A link to a document (report, agreement, photo album) on an action, milestone or result. */
@Entity('document_links')
@Check('document_links_owner_check', `NOT (milestone_id IS NOT NULL AND result_id IS NOT NULL)`)
export class DocumentLink extends Versioned {
  @Index('document_links_action_idx')
  @Column({ type: 'uuid', name: 'action_id' })
  actionId: string;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @Column({ type: 'uuid', name: 'milestone_id', nullable: true })
  milestoneId: string | null;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Milestone | null;

  @Column({ type: 'uuid', name: 'result_id', nullable: true })
  resultId: string | null;

  @ManyToOne(() => Result, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'result_id' })
  result?: Result | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  url: string;

  /** Provenance: the key of the imported document-link that created it (null: made by hand). */
  @Column({ type: 'text', name: 'import_key', nullable: true })
  importKey: string | null;

  /** The IATI document-link as published (format, category, language, date), for the export. */
  @Column({ type: 'jsonb', nullable: true })
  iati: Record<string, unknown> | null;
}
