/** What every dashboard reads: the filtered actions, their partners and their money. */
export const DASHBOARD_READS = ['actions', 'participations', 'organisations', 'funding'] as const;
