import { Injectable, signal } from '@angular/core';

/**
 * Says that a milestone was logged from the global dialog, so an open action page re-reads
 * itself (the dialog lives in the shell, outside the page).
 */
@Injectable({ providedIn: 'root' })
export class MilestoneLogged {
  private readonly last = signal<{ actionId: string; at: number } | null>(null);
  readonly event = this.last.asReadonly();

  notify(actionId: string): void {
    this.last.set({ actionId, at: Date.now() });
  }
}
