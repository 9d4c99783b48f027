import { isLogMilestoneShortcut } from './log-milestone-shortcut';
import { milestoneBody } from './log-milestone-dialog';

const key = (over: Partial<KeyboardEvent>) => ({
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  repeat: false,
  code: 'KeyH',
  ...over,
});

describe('log milestone', () => {
  it('opens on Alt+Shift+H only (physical key, so ⌥⇧H on a Mac too)', () => {
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true }))).toBe(true);
    expect(isLogMilestoneShortcut(key({ altKey: true }))).toBe(false);
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true, ctrlKey: true }))).toBe(
      false,
    );
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true, code: 'KeyJ' }))).toBe(false);
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true, repeat: true }))).toBe(false);
  });

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
