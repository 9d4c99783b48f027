import { milestoneBody } from './log-milestone-dialog';

describe('log milestone', () => {
  it('records a date up to today as the actual date and a later one as planned', () => {
    const base = { type: 'workshop' as const, title: '  Taller  ', notes: '' };
    expect(milestoneBody({ ...base, date: '2026-01-10' }, '2026-01-10')).toEqual({
      type: 'workshop',
      title: 'Taller',
      actualDate: '2026-01-10',
      plannedDate: null,
      notes: null,
    });
    expect(milestoneBody({ ...base, date: '2026-02-01', notes: 'x' }, '2026-01-10')).toMatchObject({
      actualDate: null,
      plannedDate: '2026-02-01',
      notes: 'x',
    });
  });
});
