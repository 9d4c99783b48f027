import type { Observable } from 'rxjs';
import { dialogFormStyles } from '../../shared/dialog-actions';
import { dialogForm, VersionedForm, VersionedFormHost } from '../../shared/versioned-form';

/** What every board dialog is opened with: the record when editing. */
export interface BoardDialogData<T> {
  item?: T;
}

const GONE = $localize`:@@board.gone:Este registro ya no existe; cierra el cuadro para ver la sesión actualizada.`;

/** The save of a board dialog (session, agenda item, agreement, note). */
export function boardForm<T extends { id: string; version?: number }>(
  host: VersionedFormHost<T>,
  item: T | undefined,
  requests: {
    create: (body: object) => Observable<T>;
    update?: (id: string, body: Record<string, unknown>) => Observable<T>;
  },
): VersionedForm<T> {
  return dialogForm(host, item, { ...requests, goneMessage: GONE });
}

/** Styles every board dialog shares. */
export const BOARD_DIALOG_STYLES = dialogFormStyles(160);
