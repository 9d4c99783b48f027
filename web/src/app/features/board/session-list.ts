import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { catchError, firstValueFrom, forkJoin, of } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { BoardSession } from '../../core/api/models';
import { OrganisationsApi } from '../../core/api/organisations.api';
import { AuthStore } from '../../core/auth/auth.store';
import { PreciseDatePipe } from '../../shared/dates';
import { ListState } from '../../shared/list-state';
import type { OrgOption } from '../actions/parts/org-autocomplete';
import { BoardApi } from './board.api';
import { sessionLabel } from './board.model';
import type { SessionDialogData } from './session-dialog';

const NUMBER_FIELD = '[formcontrolname="number"]';

/** The board sessions, newest first; staff record new ones. */
@Component({
  selector: 'app-session-list',
  imports: [RouterLink, MatTableModule, MatButtonModule, MatIconModule, PreciseDatePipe, ListState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './session-list.html',
  styles: `
    .header-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class SessionList {
  private readonly api = inject(BoardApi);
  private readonly organisations = inject(OrganisationsApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly router = inject(Router);

  protected readonly columns = ['number', 'heldOn', 'title', 'institute'];
  protected readonly sessions = signal<BoardSession[]>([]);
  protected readonly institutes = signal<Map<string, OrgOption>>(new Map());
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly canEdit = computed(() => this.auth.can('board.edit'));

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.sessions().subscribe({
      next: (sessions) => {
        this.sessions.set(sessions);
        this.loading.set(false);
        this.loadInstitutes(sessions);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  /** The few institutes the sessions belong to, for their names. */
  private loadInstitutes(sessions: BoardSession[]): void {
    const ids = [...new Set(sessions.map((s) => s.instituteId))].filter(
      (id) => !this.institutes().has(id),
    );
    if (!ids.length) return;
    forkJoin(
      ids.map((id) => this.organisations.get(id).pipe(catchError(() => of(null)))),
    ).subscribe((orgs) => {
      const map = new Map(this.institutes());
      for (const o of orgs) if (o) map.set(o.id, { id: o.id, name: o.name, acronym: o.acronym });
      this.institutes.set(map);
    });
  }

  protected readonly label = sessionLabel;

  protected instituteName(id: string): string {
    const o = this.institutes().get(id);
    return o ? (o.acronym ?? o.name) : '…';
  }

  async create(): Promise<void> {
    const latest = this.sessions()[0];
    const { SessionDialog } = await import('./session-dialog');
    const data: SessionDialogData = {
      institute: latest ? (this.institutes().get(latest.instituteId) ?? null) : null,
      nextNumber: latest ? latest.number + 1 : 1,
    };
    const ref = this.dialog.open(SessionDialog, {
      data,
      injector: this.injector,
      // With the institute filled in, start at the number (focus would open the picker's list).
      autoFocus: data.institute ? NUMBER_FIELD : 'first-tabbable',
      restoreFocus: true,
      width: '640px',
      maxWidth: '95vw',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) void this.router.navigate(['/junta', saved.id]);
  }
}
