import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { MissingPart } from '../action-detail.model';

const TEXTS: Record<MissingPart, { lacks: string; add: string }> = {
  participations: {
    lacks: $localize`:@@missing.partners:Aún no tiene socios.`,
    add: $localize`:@@missing.addPartner:Añadir socio`,
  },
  funding: {
    lacks: $localize`:@@missing.funding:Aún no tiene financiamiento.`,
    add: $localize`:@@missing.addFunding:Añadir financiamiento`,
  },
  milestones: {
    lacks: $localize`:@@missing.milestones:Aún no tiene hitos.`,
    add: $localize`:@@missing.addMilestone:Añadir hito`,
  },
};

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
              <span>{{ texts[part].lacks }}</span>
              <button
                mat-stroked-button
                type="button"
                (click)="add.emit(part)"
                [attr.data-testid]="'missing-add-' + part"
              >
                {{ texts[part].add }}
              </button>
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
  protected readonly texts = TEXTS;
}
