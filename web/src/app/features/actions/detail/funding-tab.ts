import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { Funding } from '../../../core/api/models';
import { PreciseDatePipe } from '../../../shared/dates';
import { MoneyPipe } from '../../../shared/money';
import { EmptyState } from '../../../shared/states';
import { FundingGroup, groupFunding } from '../action-detail.model';
import { injectCanEdit } from './action-editor';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';
import { ACTION_LABELS } from './part-labels';

/** One group of funding records (say, disbursements) with its totals per currency. */
@Component({
  selector: 'app-funding-group',
  imports: [MatTableModule, MoneyPipe, PreciseDatePipe, PartActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './funding-group.html',
  // A wide table scrolls on a phone: the region takes focus so keyboards can scroll it too.
  host: { role: 'region', tabindex: '0', '[attr.aria-label]': 'label()' },
  styleUrl: './detail.scss',
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
    .funding-table {
      width: 100%;
    }
  `,
})
export class FundingGroupTable {
  readonly group = input.required<FundingGroup>();
  /** The share page leaves the descriptions out. */
  readonly publicView = input(false);
  protected readonly canEdit = injectCanEdit();
  protected readonly label = computed(() => ACTION_LABELS.funding(this.group().type));
  protected readonly columns = computed(() => [
    'amount',
    'date',
    'provider',
    'receiver',
    ...(this.publicView() ? [] : ['description']),
    ...(this.canEdit() ? ['edit'] : []),
  ]);
}

/** «Financiamiento»: ceilings apart from money, each money type with its totals. */
@Component({
  selector: 'app-funding-tab',
  imports: [EmptyState, FundingGroupTable, PartToolbar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-part-toolbar kind="funding" />
    @if (groups().ceilings; as ceilings) {
      <section class="ceilings" aria-labelledby="ceilings-title" data-testid="funding-ceilings">
        <h2 id="ceilings-title" i18n="@@funding.ceilings">Techo (hasta)</h2>
        <p class="muted" i18n="@@funding.ceilingNote">
          Monto máximo de asistencia comprometido por el socio. Un techo no es dinero recibido.
        </p>
        <app-funding-group [group]="ceilings" [publicView]="publicView()" />
      </section>
    }
    @for (group of groups().money; track group.type) {
      <section [attr.aria-labelledby]="'funding-' + group.type" data-testid="funding-group">
        <h2 [id]="'funding-' + group.type">{{ labels.funding(group.type) }}</h2>
        <app-funding-group [group]="group" [publicView]="publicView()" />
      </section>
    }
    @if (!groups().ceilings && !groups().money.length) {
      <app-empty-state
        icon="payments"
        message="Montos no declarados en las fuentes."
        i18n-message="@@funding.empty"
      />
    }
  `,
  styles: `
    .ceilings {
      border-left: 4px solid var(--mat-sys-tertiary);
      padding-left: 12px;
      margin-bottom: 24px;
    }
  `,
})
export class FundingTab {
  readonly funding = input.required<readonly Funding[]>();
  readonly publicView = input(false);
  protected readonly groups = computed(() => groupFunding(this.funding()));
  protected readonly labels = ACTION_LABELS;
}
