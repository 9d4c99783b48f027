import { InjectionToken, type Injector } from '@angular/core';

/** The keyboard shortcut of "Registrar hito": Alt+Shift+H (⌥⇧H on a Mac), by physical key. */
export const LOG_MILESTONE_SHORTCUT = 'Alt+Shift+H';

export function isLogMilestoneShortcut(
  e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'repeat'>,
): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.repeat && e.code === 'KeyH';
}

/** Opens "Registrar hito" over the page at `url` (its action preselected); resolves on close. */
export type LogMilestoneLauncher = (injector: Injector, url: string) => Promise<void>;

/**
 * Loads the feature behind the shell's "Registrar hito" (button and shortcut). The shell's route
 * provides it (app.routes.ts), so the shell never imports a feature; without it there is no button.
 */
export const LOG_MILESTONE_LAUNCHER = new InjectionToken<() => Promise<LogMilestoneLauncher>>(
  'LOG_MILESTONE_LAUNCHER',
);
