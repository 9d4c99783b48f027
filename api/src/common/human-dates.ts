import type { Lang } from './vocabulary';

/** The institutes' calendar: "today" and the day of a timestamp are decided in Mexico City. */
export const INSTITUTE_TIME_ZONE = 'America/Mexico_City';

const MONTHS: Record<Lang, string[]> = {
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

const ymd = new Intl.DateTimeFormat('en-CA', {
  timeZone: INSTITUTE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day of an instant in Mexico City, as YYYY-MM-DD. */
export const dayInMexico = (at: Date | string) => ymd.format(new Date(at));

/**
 * A calendar date written for people: "15 de enero de 2026" / "15 Jan 2026"; with a month or
 * year precision "enero de 2026" / "Jan 2026", "2026". Anything that is not YYYY-MM-DD stays as is.
 */
export function humanDate(
  date: string | null | undefined,
  lang: Lang,
  precision: 'day' | 'month' | 'year' = 'day',
): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const [year, month, day] = [m[1], MONTHS[lang][Number(m[2]) - 1], Number(m[3])];
  if (!month) return date;
  if (precision === 'year') return year;
  if (lang === 'es')
    return precision === 'month' ? `${month} de ${year}` : `${day} de ${month} de ${year}`;
  return precision === 'month' ? `${month} ${year}` : `${day} ${month} ${year}`;
}

/** The day (in Mexico City) of an instant, written for people. */
export const humanDay = (at: Date | string, lang: Lang) => humanDate(dayInMexico(at), lang);
