import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  Atomicity,
  ATOMICITY_LABELS,
  IMPORT_KINDS,
  ImportKind,
  issueMessage,
  KIND_ACCEPT,
  KIND_LABELS,
  locationText,
  OUTCOME_LABELS,
  skippedByActivity,
  TABLE_LABELS,
  tableCounts,
} from './imports.model';
import { ImportStore } from './imports.store';

const SHOWN_ROWS = 300;

/**
 * /importar (staff, admin): choose a kind and a file, run a dry run, read the plan (counts per
 * table, every row's outcome, every error with its location) and apply it with «Importar».
 */
@Component({
  selector: 'app-import-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
  ],
  providers: [ImportStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-page.html',
  styles: `
    .intro {
      max-width: 72ch;
    }
    .section-title {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
    .kinds {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
    }
    .file,
    .buttons,
    .rows-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    .error {
      color: var(--mat-sys-error);
    }
    .subtitle {
      font: var(--mat-sys-title-small);
      margin: 12px 0 4px;
    }
    .hint {
      margin: 4px 0 0;
      max-width: 72ch;
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      list-style: none;
      padding: 0;
    }
    .count {
      font: var(--mat-sys-headline-small);
      margin-right: 4px;
    }
    .table-wrap {
      overflow-x: auto;
      max-height: 60vh;
    }
    .list {
      border-collapse: collapse;
      width: 100%;
    }
    .list th,
    .list td {
      padding: 4px 12px 4px 0;
      text-align: left;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .list.narrow {
      max-width: 720px;
    }
    .list .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .outcome.create {
      color: var(--mat-sys-primary);
    }
    .outcome.update {
      color: var(--mat-sys-tertiary);
    }
    .outcome.delete {
      color: var(--mat-sys-error);
    }
  `,
})
export class ImportPage {
  protected readonly store = inject(ImportStore);
  protected readonly kinds = IMPORT_KINDS;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly atomicities: Atomicity[] = ['file', 'activity'];
  protected readonly atomicityLabels = ATOMICITY_LABELS;
  protected readonly skipped = computed(() => {
    const plan = this.store.plan();
    return plan ? skippedByActivity(plan) : [];
  });
  protected readonly tableLabel = (table: string) => TABLE_LABELS[table] ?? table;
  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly outcomes = ['create', 'update', 'unchanged', 'delete'];
  protected readonly outcome = signal('');
  protected readonly location = locationText;
  protected readonly issue = issueMessage;

  protected readonly accept = computed(() => KIND_ACCEPT[this.store.kind()]);
  protected readonly fileNames = computed(() =>
    this.store
      .files()
      .map((f) => f.name)
      .join(', '),
  );
  protected readonly counts = computed(() => {
    const plan = this.store.plan();
    return plan ? tableCounts(plan) : [];
  });
  private readonly filteredRows = computed(() => {
    const rows = this.store.plan()?.rows ?? [];
    const outcome = this.outcome();
    return outcome ? rows.filter((r) => r.outcome === outcome) : rows;
  });
  protected readonly shownRows = computed(() => this.filteredRows().slice(0, SHOWN_ROWS));
  protected readonly hiddenRows = computed(
    () =>
      this.filteredRows().length -
      this.shownRows().length +
      (this.store.plan()?.rowsTruncated ? 1 : 0),
  );

  setKind(kind: ImportKind): void {
    this.store.setKind(kind);
    this.outcome.set('');
  }

  pick(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) this.store.setFiles(files);
  }
}
