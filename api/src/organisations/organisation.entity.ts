import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

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

/** A partner organisation (donor, agency, city, network…) or an institute itself. */
@Entity('organisations')
@Check('organisations_country_check', `country IS NULL OR country ~ '^[A-Z]{2}$'`)
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key used by the demo data and imports (e.g. "giz"). */
  @Index('organisations_slug_key', { unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  acronym: string | null;

  @Index('organisations_type_idx')
  @Column({ type: 'text' })
  type: OrganisationType;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', name: 'iati_ref', nullable: true })
  iatiRef: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  /** Internal notes: never shown to partners. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
