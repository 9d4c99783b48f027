import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ActionDetail } from '../../../core/api/models';
import { EmptyState } from '../../../shared/states';
import { EvidenceList } from '../../evidence/evidence-list';
import { injectCanEdit } from './action-editor';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';

/** «Documentos»: links to documents, then the action's own evidence files. */
@Component({
  selector: 'app-documents-tab',
  imports: [MatIconModule, EmptyState, EvidenceList, PartActions, PartToolbar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './documents-tab.html',
  styles: `
    .documents {
      list-style: none;
      padding: 0;

      li {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-bottom: 8px;
      }
    }
    .evidence-title {
      font: var(--mat-sys-title-medium);
      margin: 24px 0 8px;
    }
    .evidence-total {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class DocumentsTab {
  readonly action = input.required<ActionDetail>();
  /** False on the share page, which lists the evidence files apart. */
  readonly withEvidence = input(true);
  /** After an evidence upload or delete. */
  readonly changed = output<void>();

  protected readonly canEdit = injectCanEdit();
  protected readonly actionEvidenceLabel = $localize`:@@evidence.regionAction:Evidencias de la acción`;
}
