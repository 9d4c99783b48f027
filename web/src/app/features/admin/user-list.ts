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
  template: `
    <div class="page">
      <header class="page-header">
        <h1 id="users-title" i18n="@@users.title">Usuarios</h1>
        <button mat-flat-button type="button" (click)="create()" data-testid="new-user">
          <mat-icon aria-hidden="true">person_add</mat-icon>
          <span i18n="@@users.new">Nuevo usuario</span>
        </button>
      </header>
      @if (loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Cargando usuarios"
          i18n-aria-label="@@users.loading"
        />
      }
      @if (error(); as err) {
        <app-error-state [message]="err.message" (retry)="load()" />
      } @else {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="users-title">
          <table mat-table [dataSource]="users()" class="dense-table" data-testid="users-table">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef i18n="@@users.col.name">Nombre</th>
              <td mat-cell *matCellDef="let u">
                {{ u.name }}
                <div class="muted">{{ u.email }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="role">
              <th mat-header-cell *matHeaderCellDef i18n="@@users.col.role">Rol</th>
              <td mat-cell *matCellDef="let u">
                @if (u.id === me()?.id) {
                  {{ roleLabel(u.role) }}
                } @else {
                  <mat-select
                    [value]="u.role"
                    (selectionChange)="changeRole(u, $event.value)"
                    aria-label="Rol de {{ u.name }}"
                    i18n-aria-label="@@users.roleOf"
                    class="role-select"
                  >
                    @for (r of roles; track r) {
                      <mat-option [value]="r" [disabled]="r === 'partner' && !u.organisationId">{{
                        roleLabels[r]
                      }}</mat-option>
                    }
                  </mat-select>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="organisation">
              <th mat-header-cell *matHeaderCellDef i18n="@@users.col.organisation">
                Organización
              </th>
              <td mat-cell *matCellDef="let u">{{ u.organisationName ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="lastSignIn">
              <th mat-header-cell *matHeaderCellDef i18n="@@users.col.lastSignIn">Último acceso</th>
              <td mat-cell *matCellDef="let u">{{ u.lastSignInAt | timestamp }}</td>
            </ng-container>
            <ng-container matColumnDef="active">
              <th mat-header-cell *matHeaderCellDef i18n="@@users.col.active">Estado</th>
              <td mat-cell *matCellDef="let u">
                @if (u.active) {
                  <span i18n="@@users.active">Activo</span>
                } @else {
                  <span class="muted" i18n="@@users.inactive">Inactivo</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="toggle">
              <th mat-header-cell *matHeaderCellDef>
                <span class="visually-hidden" i18n="@@users.col.toggle">Acciones</span>
              </th>
              <td mat-cell *matCellDef="let u">
                @if (u.id !== me()?.id) {
                  <button
                    mat-button
                    type="button"
                    (click)="toggleActive(u)"
                    [attr.data-testid]="'toggle-' + u.email"
                  >
                    @if (u.active) {
                      <span i18n="@@users.deactivate">Desactivar</span>
                    } @else {
                      <span i18n="@@users.activate">Activar</span>
                    }
                  </button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let u; columns: columns" data-testid="user-row"></tr>
          </table>
        </div>
        @if (!loading() && !users().length) {
          <app-empty-state icon="group" message="Sin usuarios." i18n-message="@@users.empty" />
        }
      }
    </div>
  `,
  styles: `
    .table-wrap {
      overflow-x: auto;
    }
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
