/** The keyboard shortcut of "Registrar hito": Alt+Shift+H (⌥⇧H on a Mac), by physical key. */
export const LOG_MILESTONE_SHORTCUT = 'Alt+Shift+H';

export function isLogMilestoneShortcut(
  e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'repeat'>,
): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.repeat && e.code === 'KeyH';
}
