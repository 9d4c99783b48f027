import { CanDeactivateFn } from '@angular/router';

/** A page with edits the user may lose. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/** Asks before leaving a form with unsaved changes. */
export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (component) =>
  !component.hasUnsavedChanges() ||
  window.confirm($localize`:@@form.leaveConfirm:Hay cambios sin guardar. ¿Salir de todos modos?`);
