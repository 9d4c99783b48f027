/** The institute's calendar: "today" and "overdue" are decided in Mexico City, by PostgreSQL. */
export const INSTITUTE_TIME_ZONE = 'America/Mexico_City';

/** Today's date in the institute's calendar, as a SQL expression. */
export const TODAY_SQL = `(now() AT TIME ZONE '${INSTITUTE_TIME_ZONE}')::date`;
