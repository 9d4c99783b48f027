import { ValueTransformer } from 'typeorm';

/** PostgreSQL `date` stays a 'YYYY-MM-DD' string: no time zone can shift it. */
export const DATE_COLUMN = { type: 'date' as const, nullable: true };

/** numeric stays a string in TypeScript; it is never parsed into a JS number. */
export const numericString: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | null) => value,
};

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
