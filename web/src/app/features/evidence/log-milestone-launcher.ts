import type { Injector } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ActionsApi } from '../actions/actions.api';
import { LogMilestoneDialog, type LogMilestoneData } from './log-milestone-dialog';

const ACTION_PAGE = /^\/acciones\/([0-9a-f-]{36})(?:[/?#]|$)/i;

/**
 * Opens "Registrar hito" with the action of the page preselected when `url` is an action page;
 * resolves when the dialog closes. The shell calls it through `LOG_MILESTONE_LAUNCHER`.
 */
export async function openLogMilestone(injector: Injector, url: string): Promise<void> {
  const match = ACTION_PAGE.exec(url);
  let action: LogMilestoneData['action'] = null;
  if (match) {
    const found = await firstValueFrom(injector.get(ActionsApi).get(match[1])).catch(() => null);
    if (found) action = { id: found.id, code: found.code, titleEs: found.titleEs };
  }
  const ref = injector.get(MatDialog).open(LogMilestoneDialog, {
    data: { action } satisfies LogMilestoneData,
    injector,
    width: '640px',
    maxWidth: '95vw',
    autoFocus: 'first-tabbable',
    restoreFocus: true,
    ariaLabel: $localize`:@@logMilestone.title:Registrar hito`,
  });
  await firstValueFrom(ref.afterClosed());
}
