import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window counters shared by every replica (sign-in attempts per account and per IP…). */
@Entity('rate_limits')
export class RateLimit {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'timestamptz', name: 'window_start' })
  windowStart: Date;

  @Column({ type: 'integer' })
  count: number;
}
