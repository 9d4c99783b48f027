import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { Evidence } from '../../../core/api/models';
import { EvidenceList } from '../../evidence/evidence-list';
import type { EvidenceTarget } from '../../evidence/evidence.api';
import { injectCanEdit } from './action-editor';

/**
 * The evidence files of a milestone or a result and, for editors, the row of buttons under it:
 * «Evidencia» (attach files), then the buttons given as content (edit, delete…).
 */
@Component({
  selector: 'app-part-evidence',
  imports: [MatButtonModule, MatIconModule, EvidenceList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-evidence-list
      #files
      [target]="target()"
      [evidence]="evidence()"
      [canEdit]="canEdit()"
      [showUploadButton]="false"
      [showEmpty]="false"
      [label]="listLabel()"
      [testId]="testId()"
      (changed)="changed.emit()"
    />
    @if (canEdit()) {
      <div class="row-actions">
        <button
          mat-button
          type="button"
          (click)="files.pick()"
          [disabled]="files.busy()"
          [attr.aria-label]="attachLabel()"
          data-testid="evidence-upload"
        >
          <mat-icon aria-hidden="true">attach_file</mat-icon>
          <span i18n="@@evidence.attachShort">Evidencia</span>
        </button>
        <ng-content />
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
    }
  `,
})
export class PartEvidence {
  readonly target = input.required<EvidenceTarget>();
  /** All the action's evidence files; the list shows those of `target`. */
  readonly evidence = input.required<readonly Evidence[]>();
  /** The milestone's title or the result's statement, for the accessible names. */
  readonly owner = input.required<string>();
  readonly testId = input.required<string>();
  /** After an upload or a delete. */
  readonly changed = output<void>();

  protected readonly canEdit = injectCanEdit();

  protected listLabel(): string {
    return $localize`:@@evidence.regionNamed:Evidencias de ${this.owner()}:owner:`;
  }

  protected attachLabel(): string {
    return $localize`:@@evidence.attachNamed:Adjuntar evidencia a ${this.owner()}:owner:`;
  }
}
