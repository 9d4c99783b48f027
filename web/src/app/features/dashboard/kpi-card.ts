import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

/** One key figure: label, value, optional note. */
@Component({
  selector: 'app-kpi-card',
  imports: [MatCardModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" [attr.data-testid]="'kpi-' + name()">
      <mat-card-content>
        <p class="label">
          <mat-icon aria-hidden="true">{{ icon() }}</mat-icon> {{ label() }}
        </p>
        <p class="value">{{ value() }}</p>
        @if (note()) {
          <p class="note">{{ note() }}</p>
        }
        <ng-content />
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card {
      height: 100%;
    }
    .label {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .value {
      margin: 0;
      font: var(--mat-sys-headline-small);
      color: var(--mat-sys-primary);
      overflow-wrap: anywhere;
    }
    .note {
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class KpiCard {
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly icon = input('insights');
  readonly note = input<string | null>(null);
}
