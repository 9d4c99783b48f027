import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { Participation } from '../../../core/api/models';
import { EmptyState } from '../../../shared/states';
import { injectCanEdit } from './action-editor';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';
import { ACTION_LABELS } from './part-labels';

/** «Socios y roles»: the organisations taking part and their role (a card each on a phone). */
@Component({
  selector: 'app-partners-tab',
  imports: [MatTableModule, RouterLink, EmptyState, PartActions, PartToolbar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './partners-tab.html',
  styleUrl: './detail.scss',
})
export class PartnersTab {
  readonly participations = input.required<readonly Participation[]>();
  /** The share page: no notes (the API sends none there) and no links into the app. */
  readonly publicView = input(false);

  protected readonly canEdit = injectCanEdit();
  protected readonly labels = ACTION_LABELS;
  protected readonly columns = computed(() => [
    'organisation',
    'role',
    ...(this.publicView() ? [] : ['notes']),
    ...(this.canEdit() ? ['edit'] : []),
  ]);
}
