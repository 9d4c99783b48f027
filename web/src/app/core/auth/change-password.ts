import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { ActivatedRoute, Router } from '@angular/router';
import { safeReturnUrl, SIGN_IN_PATH } from './auth.guard';
import { AuthStore } from './auth.store';
import { PasswordChange, PasswordFields } from './password-fields';

/** The page a user with an admin-set (temporary) password lands on: they choose their own. */
@Component({
  selector: 'app-change-password',
  imports: [ReactiveFormsModule, MatCardModule, PasswordFields, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="change-password">
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-card-title
            ><h1 i18n="@@security.password.title">Elige tu contraseña</h1></mat-card-title
          >
          <mat-card-subtitle i18n="@@security.password.why"
            >Tu contraseña es temporal: cámbiala para continuar.</mat-card-subtitle
          >
        </mat-card-header>
        <mat-card-content>
          <form
            [formGroup]="change.form"
            (ngSubmit)="submit()"
            novalidate
            data-testid="change-password-form"
          >
            <app-password-fields [change]="change" [currentLabel]="currentLabel" />
            <div class="actions">
              <button
                mat-button
                type="button"
                (click)="signOut()"
                i18n="@@security.password.signOut"
              >
                Cerrar sesión
              </button>
              <button
                mat-flat-button
                type="submit"
                [disabled]="change.busy()"
                data-testid="change-password-submit"
                i18n="@@security.password.submit"
              >
                Guardar y continuar
              </button>
            </div>
          </form>
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .change-password {
      display: grid;
      place-items: center;
      min-height: 100vh;
      padding: 16px;
    }
    mat-card {
      width: min(420px, 100%);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class ChangePassword {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly change = new PasswordChange();
  protected readonly currentLabel = $localize`:@@security.password.current:Contraseña temporal`;

  submit(): Promise<void> {
    return this.change.submit(() =>
      this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl'))),
    );
  }

  async signOut(): Promise<void> {
    await this.auth.signOut().catch(() => undefined);
    await this.router.navigateByUrl(`/${SIGN_IN_PATH}`);
  }
}
