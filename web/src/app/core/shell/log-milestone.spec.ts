import { isLogMilestoneShortcut } from './log-milestone';

const key = (over: Partial<KeyboardEvent>) => ({
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  repeat: false,
  code: 'KeyH',
  ...over,
});

describe('log milestone shortcut', () => {
  it('opens on Alt+Shift+H only (physical key, so ⌥⇧H on a Mac too)', () => {
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true }))).toBe(true);
    expect(isLogMilestoneShortcut(key({ altKey: true }))).toBe(false);
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true, ctrlKey: true }))).toBe(
      false,
    );
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true, code: 'KeyJ' }))).toBe(false);
    expect(isLogMilestoneShortcut(key({ altKey: true, shiftKey: true, repeat: true }))).toBe(false);
  });
});
