import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { ApiError, toApiError } from '../../core/api/api-error';
import { Role, ROLES, UpdateUserRequest, User } from '../../core/api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { labelOf, ROLE_LABELS } from '../../core/i18n/labels';
import { TimestampPipe } from '../../shared/dates';
import { EmptyState, ErrorState } from '../../shared/states';
import { UserDialog } from './user-dialog';
import { UsersApi } from './users.api';

@Component({
  selector: 'app-user-list',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatSelectModule,
    MatProgressBarModule,
    TimestampPipe,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-list.html',
  styles: `
    table {
      width: 100%;
    }
    .role-select {
      min-width: 160px;
    }
  `,
})
export class UserList {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly me = inject(AuthStore).user;
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly columns = ['name', 'role', 'organisation', 'lastSignIn', 'active', 'toggle'];
  protected readonly users = signal<User[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly count = computed(() => this.users().length);

  constructor() {
    this.load();
  }

  protected roleLabel(role: string): string {
    return labelOf(ROLE_LABELS, role);
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list().subscribe({
      next: (users) => {
        this.users.set(users);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  create(): void {
    this.dialog
      .open(UserDialog, { width: '480px' })
      .afterClosed()
      .subscribe((created?: User) => {
        if (created) this.load();
      });
  }

  changeRole(user: User, role: Role): void {
    this.update(user, { version: user.version, role });
  }

  toggleActive(user: User): void {
    this.update(user, { version: user.version, active: !user.active });
  }

  private update(user: User, body: UpdateUserRequest): void {
    this.api.update(user.id, body).subscribe({
      next: (updated) => {
        this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
        this.snackBar.open($localize`:@@users.saved:Cambios guardados.`, undefined, {
          duration: 3000,
        });
      },
      error: (e: unknown) => {
        const err = toApiError(e);
        // Put the select back to the stored value, then explain (VERSION_CONFLICT reloads the list).
        this.users.update((list) => [...list]);
        if (err.code === 'VERSION_CONFLICT') this.load();
        this.snackBar.open(err.message, $localize`:@@common.ok:Entendido`, { duration: 8000 });
      },
    });
  }
}
