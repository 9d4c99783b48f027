import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom, map } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ProgressScheme, ProgressStage } from '../../core/api/models';
import { ProgressApi } from '../../core/api/progress.api';
import { STAGE_LABELS } from '../../core/i18n/progress-labels';
import { ErrorState, LoadingState } from '../../shared/states';
import { COLOUR, DEFAULT_SCHEME, schemeProblems, weightSum } from './progress-settings.model';

type LevelForm = FormGroup<{
  min: FormControl<number>;
  labelEs: FormControl<string>;
  labelEn: FormControl<string>;
  colour: FormControl<string>;
}>;
type StageForm = FormGroup<{ stage: FormControl<ProgressStage>; weight: FormControl<number> }>;

/**
 * Admin screen for the progress scheme: stage weights (sum 100), levels with their labels in
 * Spanish and English and their colours. Saving replaces the setting; every figure (action page,
 * list, dashboard, board report) is computed from it on the next read.
 */
@Component({
  selector: 'app-progress-settings',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    LoadingState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './progress-settings.html',
  styles: `
    .intro {
      max-width: 72ch;
    }
    mat-card {
      margin-bottom: 16px;
    }
    h2 {
      margin-top: 0;
    }
    .weights {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
      gap: 0 16px;
    }
    .sum {
      font: var(--mat-sys-title-small);
      margin: 0;
    }
    .sum.bad {
      color: var(--mat-sys-error);
    }
    .levels {
      list-style: none;
      padding: 0;
      margin: 0 0 8px;
    }
    .levels li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 12px;
    }
    .levels mat-form-field {
      flex: 1 1 180px;
    }
    .levels .min {
      flex: 0 1 110px;
    }
    .levels .colour {
      flex: 0 1 130px;
    }
    .swatch {
      width: 20px;
      height: 20px;
      border-radius: 50%;
      border: 1px solid var(--mat-sys-outline);
      margin-bottom: 20px;
    }
    .picker {
      width: 44px;
      height: 44px;
      border: none;
      background: none;
      margin-bottom: 20px;
    }
    .problems {
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      border-radius: 12px;
      padding: 4px 16px;
      margin-bottom: 16px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class ProgressSettings {
  private readonly api = inject(ProgressApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  /** Messages from the last save attempt (the local rules, or the API's answer). */
  protected readonly problems = signal<string[]>([]);

  readonly form = new FormGroup({
    stages: new FormArray<StageForm>([]),
    levels: new FormArray<LevelForm>([]),
  });

  private readonly weights = toSignal(
    this.form.controls.stages.valueChanges.pipe(map((v) => v.map((s) => s.weight ?? null))),
    { initialValue: [] as (number | null)[] },
  );
  protected readonly sum = computed(() => weightSum(this.weights()));

  constructor() {
    this.load();
  }

  load(): void {
    this.loadError.set(null);
    this.api.scheme().subscribe({
      next: (scheme) => {
        this.fill(scheme);
        this.loaded.set(true);
      },
      error: (e: unknown) => this.loadError.set(toApiError(e)),
    });
  }

  private fill(scheme: ProgressScheme): void {
    const stages = this.form.controls.stages;
    const levels = this.form.controls.levels;
    stages.clear({ emitEvent: false });
    levels.clear({ emitEvent: false });
    for (const s of scheme.stages)
      stages.push(
        new FormGroup({
          stage: new FormControl(s.stage, { nonNullable: true }),
          weight: new FormControl(s.weight, { nonNullable: true }),
        }),
        { emitEvent: false },
      );
    for (const l of scheme.levels) levels.push(this.level(l), { emitEvent: false });
    stages.updateValueAndValidity();
    this.problems.set([]);
  }

  private level(l: ProgressScheme['levels'][number]): LevelForm {
    return new FormGroup({
      min: new FormControl(l.min, { nonNullable: true }),
      labelEs: new FormControl(l.labelEs, {
        nonNullable: true,
        validators: Validators.maxLength(100),
      }),
      labelEn: new FormControl(l.labelEn, {
        nonNullable: true,
        validators: Validators.maxLength(100),
      }),
      colour: new FormControl(l.colour, {
        nonNullable: true,
        validators: Validators.pattern(COLOUR),
      }),
    });
  }

  protected pickLabel(i: number): string {
    const n = i + 1;
    return $localize`:@@progressSettings.pick:Elegir el color del nivel ${n}:n:`;
  }

  protected removeLabel(i: number): string {
    const n = i + 1;
    return $localize`:@@progressSettings.removeLevel:Quitar el nivel ${n}:n:`;
  }

  protected addLevel(): void {
    const levels = this.form.controls.levels;
    const last = levels.at(levels.length - 1)?.getRawValue();
    levels.push(
      this.level({
        min: Math.min(100, (last?.min ?? -1) + 1),
        labelEs: '',
        labelEn: '',
        colour: last?.colour ?? '#9e9e9e',
      }),
    );
  }

  protected removeLevel(i: number): void {
    if (this.form.controls.levels.length > 1) this.form.controls.levels.removeAt(i);
  }

  protected resetDefaults(): void {
    this.fill(DEFAULT_SCHEME);
    this.form.markAsDirty();
  }

  private scheme(): ProgressScheme {
    const v = this.form.getRawValue();
    return {
      stages: v.stages.map((s) => ({ stage: s.stage, weight: Number(s.weight) })),
      levels: v.levels.map((l) => ({
        min: Number(l.min),
        labelEs: l.labelEs.trim(),
        labelEn: l.labelEn.trim(),
        colour: l.colour.trim(),
      })),
    };
  }

  async save(): Promise<void> {
    if (this.busy()) return;
    const scheme = this.scheme();
    const problems = schemeProblems(scheme);
    this.problems.set(problems);
    if (problems.length) return;
    this.busy.set(true);
    try {
      const saved = await firstValueFrom(this.api.saveScheme(scheme));
      this.fill(saved);
      this.form.markAsPristine();
      this.snackBar.open(
        $localize`:@@progressSettings.saved:Criterios guardados: los avances se recalcularon.`,
        undefined,
        { duration: 4000 },
      );
    } catch (e) {
      const err = toApiError(e);
      this.problems.set([err.message, ...err.details.map((d) => d.message)]);
    } finally {
      this.busy.set(false);
    }
  }
}
