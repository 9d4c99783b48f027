import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { numericString } from '../common/entity/columns';

/**
 * How many MXN one unit of `currency` was worth on `rate_date` (Banxico FIX for USD). A money
 * record converts with the rate of its value date or, failing that, the latest earlier one.
 */
@Entity('exchange_rates')
@Unique('exchange_rates_date_currency_key', ['rateDate', 'currency'])
@Index('exchange_rates_currency_date_idx', { synchronize: false })
@Check('exchange_rates_rate_check', `rate_to_mxn > 0`)
@Check('exchange_rates_currency_check', `currency ~ '^[A-Z]{3}$' AND currency <> 'MXN'`)
export class ExchangeRate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date', name: 'rate_date' })
  rateDate: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({
    type: 'numeric',
    name: 'rate_to_mxn',
    precision: 18,
    scale: 6,
    transformer: numericString,
  })
  rateToMxn: string;

  /** Where the rate comes from ("Banxico FIX", "manual"…). */
  @Column({ type: 'text', nullable: true })
  source: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
