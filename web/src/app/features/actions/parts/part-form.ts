import { inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { dialogFormStyles } from '../../../shared/dialog-actions';
import { dialogForm, VersionedForm, VersionedFormHost } from '../../../shared/versioned-form';
import type { FieldAliases } from '../../../shared/forms';
import { ActionDetailStore } from '../action-detail.store';
import { ActionsApi, PartKind } from '../actions.api';

/** What a part dialog is opened with: the action, and the part when editing. */
export interface PartDialogData<T> {
  actionId: string;
  part?: T;
  /** Indicators: the result they belong to. */
  resultId?: string;
  /** Documents: milestones and results they may point to. */
  options?: {
    milestones: { id: string; title: string }[];
    results: { id: string; statement: string }[];
  };
}

export const GONE_MESSAGE = $localize`:@@parts.gone:Este registro ya no existe; se actualizó la acción.`;

/**
 * The save of a dialog that adds or edits a part of an action (a partner, a funding record, a
 * milestone…): POST or PATCH under /actions/:id/<kind>. When the API refuses because the part or
 * the action changed meanwhile, the action page behind re-reads the action.
 */
export function partForm<T extends { id: string; version: number }>(
  host: VersionedFormHost<T>,
  kind: PartKind,
  extra: {
    aliases?: FieldAliases;
    create?: (body: object) => Observable<T>;
    afterSave?: (saved: T) => Promise<void>;
  } = {},
): VersionedForm<T> {
  const api = inject(ActionsApi);
  const data = inject<PartDialogData<T>>(MAT_DIALOG_DATA);
  const store = inject(ActionDetailStore, { optional: true });
  return dialogForm(host, data.part, {
    create: (body) => api.addPart<T>(data.actionId, kind, body),
    update: (id, body) => api.updatePart<T>(data.actionId, kind, id, body),
    goneMessage: GONE_MESSAGE,
    onRefused: (err) => {
      if (err.code === 'VERSION_CONFLICT' || err.status === 404 || err.code === 'ACTION_ARCHIVED')
        store?.refresh();
    },
    ...extra,
  });
}

/** Styles every part dialog shares. */
export const PART_DIALOG_STYLES = `${dialogFormStyles(180)}
  .hint {
    color: var(--mat-sys-on-surface-variant);
    font: var(--mat-sys-body-small);
    margin: 0 0 12px;
  }
`;
