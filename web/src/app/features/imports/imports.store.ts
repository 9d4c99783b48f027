import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import { ImportsApi } from './imports.api';
import { Atomicity, fileErrorText, ImportKind, ImportPlan, planOfError } from './imports.model';

/**
 * The import screen's state: kind and files → dry run (plan) → apply. Applying is offered only
 * for the files of a dry run without errors; changing kind or files clears the plan.
 */
@Injectable()
export class ImportStore {
  private readonly api = inject(ImportsApi);

  readonly kind = signal<ImportKind>('workbook');
  readonly files = signal<File[]>([]);
  /** IATI: the unit of all-or-nothing (default: the whole file). */
  readonly atomicity = signal<Atomicity>('file');
  readonly plan = signal<ImportPlan | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);

  readonly canCheck = computed(() => this.files().length > 0 && !this.busy());
  readonly canApply = computed(() => {
    const plan = this.plan();
    return !!plan && plan.dryRun && plan.errorCount === 0 && !this.busy();
  });
  readonly applied = computed(() => this.plan()?.applied ?? false);

  setKind(kind: ImportKind): void {
    this.kind.set(kind);
    this.files.set([]);
    this.clear();
  }

  setAtomicity(atomicity: Atomicity): void {
    this.atomicity.set(atomicity);
    this.clear();
  }

  setFiles(files: File[]): void {
    this.files.set(files);
    this.clear();
  }

  private clear(): void {
    this.plan.set(null);
    this.error.set(null);
  }

  async run(dryRun: boolean): Promise<void> {
    if (!this.files().length || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.plan.set(
        await firstValueFrom(this.api.run(this.kind(), this.files(), dryRun, this.atomicity())),
      );
    } catch (e) {
      const err = toApiError(e);
      const plan = planOfError(err);
      this.plan.set(plan);
      this.error.set(plan ? null : fileErrorText(err));
    } finally {
      this.busy.set(false);
    }
  }
}
