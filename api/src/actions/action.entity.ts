import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DatePrecision } from '../common/entity/columns';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ActionKind,
  ActionStatus,
  inList,
  INSTITUTE_ROLES,
  InstituteRole,
  Modality,
  MODALITIES,
  Scheme,
  SCHEMES,
} from './action.model';

/** A tracked cooperation action: project, city-to-city cooperation, membership or award. */
@Entity('actions')
@Check('actions_kind_check', `kind IN (${inList(ACTION_KINDS)})`)
@Check('actions_status_check', `status IS NULL OR status IN (${inList(ACTION_STATUSES)})`)
@Check('actions_role_check', `institute_role IN (${inList(INSTITUTE_ROLES)})`)
@Check('actions_scheme_check', `scheme IS NULL OR scheme IN (${inList(SCHEMES)})`)
@Check('actions_modality_check', `modality IS NULL OR modality IN (${inList(MODALITIES)})`)
@Check('actions_sdgs_check', `sdgs <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]`)
@Check(
  'actions_planned_dates_check',
  `planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start`,
)
@Check(
  'actions_actual_dates_check',
  `actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start`,
)
export class Action {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('actions_code_key', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Index('actions_kind_idx')
  @Column({ type: 'text' })
  kind: ActionKind;

  /** The institute that runs the action (IMEPLAN, IMPLAN Guanajuato…). */
  @Column({ type: 'uuid', name: 'institute_id', nullable: true })
  instituteId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'institute_id' })
  institute?: Organisation | null;

  @Column({ type: 'text', name: 'title_es' })
  titleEs: string;

  @Column({ type: 'text', name: 'title_en', nullable: true })
  titleEn: string | null;

  @Column({ type: 'text', name: 'summary_es', nullable: true })
  summaryEs: string | null;

  @Column({ type: 'text', name: 'summary_en', nullable: true })
  summaryEn: string | null;

  @Column({ type: 'text', nullable: true })
  objectives: string | null;

  @Column({ type: 'text', name: 'institute_role' })
  instituteRole: InstituteRole;

  @Column({ type: 'text', nullable: true })
  scheme: Scheme | null;

  @Index('actions_modality_idx')
  @Column({ type: 'text', nullable: true })
  modality: Modality | null;

  /** Null when the source does not say (historical records only). */
  @Index('actions_status_idx')
  @Column({ type: 'text', nullable: true })
  status: ActionStatus | null;

  @Index('actions_themes_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  themes: string[];

  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Index('actions_municipalities_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  municipalities: string[];

  @Index('actions_sdgs_idx', { synchronize: false })
  @Column({ type: 'smallint', array: true, default: () => `'{}'` })
  sdgs: number[];

  @Column({ type: 'text', array: true, name: 'plan_alignment', default: () => `'{}'` })
  planAlignment: string[];

  @Column({ type: 'date', name: 'planned_start', nullable: true })
  plannedStart: string | null;

  @Column({ type: 'date', name: 'planned_end', nullable: true })
  plannedEnd: string | null;

  @Column({ type: 'date', name: 'actual_start', nullable: true })
  actualStart: string | null;

  @Column({ type: 'text', name: 'actual_start_precision', nullable: true })
  actualStartPrecision: DatePrecision | null;

  @Column({ type: 'date', name: 'actual_end', nullable: true })
  actualEnd: string | null;

  @Column({ type: 'text', name: 'actual_end_precision', nullable: true })
  actualEndPrecision: DatePrecision | null;

  /** The staff member who follows the action up (notifications and the weekly digest go to them). */
  @Index('actions_responsible_idx')
  @Column({ type: 'uuid', name: 'responsible_id', nullable: true })
  responsibleId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'responsible_id' })
  responsible?: User | null;

  @Column({ type: 'text', name: 'parent_programme', nullable: true })
  parentProgramme: string | null;

  @Column({ type: 'uuid', array: true, name: 'related_action_ids', default: () => `'{}'` })
  relatedActionIds: string[];

  /** Where the facts come from (document and locator). */
  @Column({ type: 'text', nullable: true })
  source: string | null;

  /** Internal notes: never shown to partners. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** What an IATI import kept that no column holds, written back on export (iati-kept.ts). */
  @Column({ type: 'jsonb', nullable: true })
  iati: Record<string, unknown> | null;

  /** Accent- and case-insensitive text of titles and summaries (maintained by PostgreSQL). */
  @Index('actions_search_idx', { synchronize: false })
  @Column({
    type: 'text',
    name: 'search_text',
    select: false,
    insert: false,
    update: false,
    nullable: true,
    generatedType: 'STORED',
    asExpression: `coopera_fold(coalesce(code, '') || ' ' || coalesce(title_es, '') || ' ' || coalesce(title_en, '') || ' ' || coalesce(summary_es, '') || ' ' || coalesce(summary_en, ''))`,
  })
  searchText: string | null;

  @Index('actions_archived_idx')
  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** The list's default order, `updated_at DESC NULLS LAST, code` (migration IndexActionsListOrder). */
  @Index('actions_list_order_idx', { synchronize: false })
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
