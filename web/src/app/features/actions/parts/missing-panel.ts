import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { MissingPart } from '../action-detail.model';

/** "Qué falta": after creating an action, what it still lacks, each one click from its add dialog. */
@Component({
  selector: 'app-missing-panel',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (missing().length) {
      <section class="missing" aria-labelledby="missing-title" data-testid="missing-panel">
        <h2 id="missing-title" i18n="@@missing.title">Qué falta</h2>
        <ul>
          @for (part of missing(); track part) {
            <li [attr.data-missing]="part">
              @switch (part) {
                @case ('participations') {
                  <span i18n="@@missing.partners">Aún no tiene socios.</span>
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="add.emit(part)"
                    data-testid="missing-add-participations"
                    i18n="@@missing.addPartner"
                  >
                    Añadir socio
                  </button>
                }
                @case ('funding') {
                  <span i18n="@@missing.funding">Aún no tiene financiamiento.</span>
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="add.emit(part)"
                    data-testid="missing-add-funding"
                    i18n="@@missing.addFunding"
                  >
                    Añadir financiamiento
                  </button>
                }
                @case ('milestones') {
                  <span i18n="@@missing.milestones">Aún no tiene hitos.</span>
                  <button
                    mat-stroked-button
                    type="button"
                    (click)="add.emit(part)"
                    data-testid="missing-add-milestones"
                    i18n="@@missing.addMilestone"
                  >
                    Añadir hito
                  </button>
                }
              }
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .missing {
      margin: 16px 0;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 4px 0;
    }
  `,
})
export class MissingPanel {
  /** The parts still without entries (see missingParts); nothing shows when empty. */
  readonly missing = input.required<readonly MissingPart[]>();
  readonly add = output<MissingPart>();
}
