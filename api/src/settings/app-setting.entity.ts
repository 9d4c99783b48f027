import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Key/value settings an admin can change (e.g. progress weights), plus internal markers. */
@Entity('app_settings')
export class AppSetting {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
