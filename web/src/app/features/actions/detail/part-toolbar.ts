import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { PartKind } from '../actions.api';
import { ActionEditor } from './action-editor';

type AddableKind = Exclude<PartKind, 'indicators' | 'stages'>;

const ADD: Record<AddableKind, { label: string; testId: string }> = {
  participations: {
    label: $localize`:@@participation.add:Añadir socio`,
    testId: 'add-participation',
  },
  instruments: { label: $localize`:@@instrument.add:Añadir instrumento`, testId: 'add-instrument' },
  funding: { label: $localize`:@@funding.add:Añadir financiamiento`, testId: 'add-funding' },
  milestones: { label: $localize`:@@milestone.add:Añadir hito`, testId: 'add-milestone' },
  results: { label: $localize`:@@result.add:Añadir resultado`, testId: 'add-result' },
  documents: { label: $localize`:@@document.add:Añadir documento`, testId: 'add-document' },
};

/**
 * The top of a tab for editors: «Añadir …» for the tab's part, then any other buttons given as
 * content. Nothing shows to readers.
 */
@Component({
  selector: 'app-part-toolbar',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (editor?.canEdit()) {
      <div class="tab-actions">
        <button
          mat-stroked-button
          type="button"
          (click)="editor?.openPart(kind())"
          [attr.data-testid]="add().testId"
        >
          <mat-icon aria-hidden="true">add</mat-icon>
          <span>{{ add().label }}</span>
        </button>
        <ng-content />
      </div>
    }
  `,
  styles: `
    .tab-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 8px;
      margin-bottom: 12px;
    }
  `,
})
export class PartToolbar {
  protected readonly editor = inject(ActionEditor, { optional: true });
  readonly kind = input.required<AddableKind>();
  protected readonly add = computed(() => ADD[this.kind()]);
}
