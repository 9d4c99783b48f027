import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RowActions } from '../../../shared/row-actions';
import type { PartKind } from '../actions.api';
import { ActionEditor, PartRef } from './action-editor';

/** The edit and delete buttons of one part (a partner, a milestone, a document…) on the action page. */
@Component({
  selector: 'app-part-actions',
  imports: [RowActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-row-actions
      [editLabel]="editLabel(name())"
      [deleteLabel]="deleteLabel(name())"
      editTestId="part-edit"
      deleteTestId="part-delete"
      (edit)="edit()"
      (remove)="remove()"
    />
  `,
})
export class PartActions {
  private readonly editor = inject(ActionEditor);

  readonly kind = input.required<PartKind>();
  readonly part = input.required<PartRef>();
  /** What the buttons' accessible names and the delete confirmation call the part. */
  readonly name = input.required<string>();
  /** Indicators: the result they belong to. */
  readonly resultId = input<string>();

  protected edit(): void {
    const resultId = this.resultId();
    void this.editor.openPart(this.kind(), this.part(), resultId ? { resultId } : {});
  }

  protected remove(): void {
    void this.editor.deletePart(this.kind(), this.part(), this.name());
  }

  protected editLabel(name: string): string {
    return $localize`:@@parts.editNamed:Editar ${name}:name:`;
  }

  protected deleteLabel(name: string): string {
    return $localize`:@@parts.deleteNamed:Eliminar ${name}:name:`;
  }
}
