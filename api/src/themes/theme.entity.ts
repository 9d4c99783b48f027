import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * A theme of the managed list ("cambio-climatico" → "Cambio climático" / "Climate change").
 * Actions reference it by `code` in `actions.themes`; a code is never renamed, its labels are.
 */
@Entity('themes')
@Check('themes_code_check', `code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class Theme {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_themes_code' })
  code: string;

  /** Unique ignoring case and accents (index on coopera_fold(btrim(label_es))). */
  @Index('themes_label_es_key', { synchronize: false })
  @Column({ type: 'text', name: 'label_es' })
  labelEs: string;

  @Index('themes_label_en_key', { synchronize: false })
  @Column({ type: 'text', name: 'label_en' })
  labelEn: string;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
