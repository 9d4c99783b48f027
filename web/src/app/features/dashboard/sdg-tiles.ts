import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type Params, RouterLink } from '@angular/router';
import type { SdgTile } from './sdgs';

/** A tile plus where it leads and how a screen reader announces it. */
export interface SdgTileLink extends SdgTile {
  queryParams: Params;
  label: string;
}

/** The 17 SDGs as the UN's coloured tiles; each opens the action list filtered by that goal. */
@Component({
  selector: 'app-sdg-tiles',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="tiles">
      @for (tile of tiles(); track tile.n) {
        <li>
          <a
            class="tile"
            [class.dimmed]="tile.dimmed"
            [routerLink]="['/acciones']"
            [queryParams]="tile.queryParams"
            [attr.aria-label]="tile.label"
            [attr.data-testid]="'sdg-tile-' + tile.n"
            [style.--sdg]="tile.colour"
            [style.--ink]="tile.ink"
          >
            <span class="n" aria-hidden="true">{{ tile.n }}</span>
            <span class="name" aria-hidden="true">{{ tile.name }}</span>
            <span class="count" aria-hidden="true">{{ tile.count }}</span>
          </a>
        </li>
      }
    </ul>
  `,
  styles: `
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(128px, 1fr));
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .tile {
      display: grid;
      grid-template: 'n count' auto 'name name' 1fr / 1fr auto;
      gap: 4px;
      min-height: 104px;
      padding: 8px;
      border-radius: 4px;
      background: var(--sdg);
      color: var(--ink);
      text-decoration: none;
      border: 2px solid var(--sdg);
    }
    .tile:hover {
      filter: brightness(1.08);
    }
    .tile:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .tile.dimmed {
      background: color-mix(in srgb, var(--sdg) 12%, #ffffff);
      color: #3b3b3f;
    }
    .n {
      grid-area: n;
      font:
        700 1.75rem/1 Roboto,
        sans-serif;
    }
    .count {
      grid-area: count;
      font: var(--mat-sys-title-medium);
    }
    .name {
      grid-area: name;
      align-self: end;
      font:
        500 0.8125rem/1.2 Roboto,
        sans-serif;
      text-transform: uppercase;
    }
  `,
})
export class SdgTiles {
  readonly tiles = input.required<SdgTileLink[]>();
}
