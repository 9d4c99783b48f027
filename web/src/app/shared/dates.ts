import { formatDate } from '@angular/common';
import { inject, LOCALE_ID, Pipe, PipeTransform } from '@angular/core';
import type { DatePrecision } from '../core/api/models';

const PATTERNS: Record<string, Record<DatePrecision | 'timestamp', string>> = {
  es: { day: 'd MMM y', month: 'MMM y', year: 'y', timestamp: 'd MMM y, HH:mm' },
  en: { day: 'MMM d, y', month: 'MMM y', year: 'y', timestamp: 'MMM d, y, HH:mm' },
};

/** Angular's es data abbreviates with a trailing dot ("dic."); Coopera writes "14 dic 2023". */
function tidy(text: string): string {
  return text.replace(/([a-záéíóú]{3,4})\./gi, '$1');
}

/**
 * A calendar date at its precision: day "14 dic 2023" / "Dec 14, 2023", month "oct 2018" / "Oct 2018",
 * year "2018". Date-only ISO strings are read as local calendar dates (no time-zone shift).
 */
export function formatPreciseDate(
  value: string | null | undefined,
  precision: DatePrecision | null | undefined,
  locale: string,
): string {
  if (!value) return '—';
  const patterns = PATTERNS[locale.toLowerCase().startsWith('en') ? 'en' : 'es'];
  const dateOnly = value.slice(0, 10);
  return tidy(formatDate(dateOnly, patterns[precision ?? 'day'], locale));
}

/** An instant (timestamptz) in the browser's time zone: "14 dic 2023, 10:05". */
export function formatTimestamp(value: string | null | undefined, locale: string): string {
  if (!value) return '—';
  const patterns = PATTERNS[locale.toLowerCase().startsWith('en') ? 'en' : 'es'];
  return tidy(formatDate(value, patterns.timestamp, locale));
}

@Pipe({ name: 'preciseDate' })
export class PreciseDatePipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(value: string | null | undefined, precision?: DatePrecision | null): string {
    return formatPreciseDate(value, precision, this.locale);
  }
}

@Pipe({ name: 'timestamp' })
export class TimestampPipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(value: string | null | undefined): string {
    return formatTimestamp(value, this.locale);
  }
}
