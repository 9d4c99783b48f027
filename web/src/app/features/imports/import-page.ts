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
  template: `
    <div class="page">
      <header class="page-header">
        <h1 id="imports-title" i18n="@@imports.title">Importar datos</h1>
      </header>
      <p class="intro" i18n="@@imports.intro">
        La plantilla de importación es la propia exportación: descarga el libro o las tablas CSV,
        edítalos y vuelve a cargarlos. También puedes cargar el archivo IATI 2.03 que publica un
        donante. Primero revisa el plan (no se escribe nada); luego importa: todo o nada.
      </p>
      <p>
        <a
          mat-stroked-button
          href="/api/v1/exports/portfolio.xlsx"
          download
          data-testid="download-template"
        >
          <mat-icon aria-hidden="true">download</mat-icon>
          <span i18n="@@imports.template">Descargar el libro actual (plantilla)</span>
        </a>
      </p>

      <section class="choose" aria-labelledby="imports-kind-label">
        <h2 id="imports-kind-label" class="section-title" i18n="@@imports.kind">
          1. Tipo de archivo
        </h2>
        <mat-radio-group
          class="kinds"
          [ngModel]="store.kind()"
          (ngModelChange)="setKind($event)"
          aria-labelledby="imports-kind-label"
          data-testid="import-kind"
        >
          @for (k of kinds; track k) {
            <mat-radio-button [value]="k" [attr.data-testid]="'import-kind-' + k">{{
              kindLabels[k]
            }}</mat-radio-button>
          }
        </mat-radio-group>

        <h2 class="section-title" i18n="@@imports.file">2. Archivo</h2>
        <div class="file">
          <input
            #fileInput
            type="file"
            class="visually-hidden"
            [accept]="accept().accept"
            [multiple]="accept().multiple"
            (change)="pick(fileInput)"
            data-testid="import-file"
            aria-label="Archivo a importar"
            i18n-aria-label="@@imports.fileLabel"
          />
          <button mat-stroked-button type="button" (click)="fileInput.click()">
            <mat-icon aria-hidden="true">upload_file</mat-icon>
            @if (accept().multiple) {
              <span i18n="@@imports.pickMany">Elegir archivos</span>
            } @else {
              <span i18n="@@imports.pickOne">Elegir archivo</span>
            }
          </button>
          @if (store.files().length) {
            <span class="muted" data-testid="import-file-names">{{ fileNames() }}</span>
          } @else {
            <span class="muted" i18n="@@imports.noFile">Ningún archivo elegido</span>
          }
        </div>

        @if (store.kind() === 'iati') {
          <h3 id="imports-atomicity-label" class="subtitle" i18n="@@imports.atomicity">
            Unidad de «todo o nada»
          </h3>
          <mat-radio-group
            class="kinds"
            [ngModel]="store.atomicity()"
            (ngModelChange)="store.setAtomicity($event)"
            aria-labelledby="imports-atomicity-label"
            data-testid="import-atomicity"
          >
            @for (a of atomicities; track a) {
              <mat-radio-button [value]="a" [attr.data-testid]="'import-atomicity-' + a">{{
                atomicityLabels[a]
              }}</mat-radio-button>
            }
          </mat-radio-group>
          <p class="muted hint" i18n="@@imports.atomicity.hint">
            Con «Cada actividad», las actividades con errores se omiten y se listan; las demás se
            importan juntas.
          </p>
        }

        <h2 class="section-title" i18n="@@imports.steps">3. Revisar e importar</h2>
        <div class="buttons">
          <button
            mat-stroked-button
            type="button"
            (click)="store.run(true)"
            [disabled]="!store.canCheck()"
            data-testid="import-dry-run"
          >
            <mat-icon aria-hidden="true">fact_check</mat-icon>
            <span i18n="@@imports.dryRun">Revisar (sin escribir)</span>
          </button>
          <button
            mat-flat-button
            type="button"
            (click)="store.run(false)"
            [disabled]="!store.canApply()"
            data-testid="import-apply"
          >
            <mat-icon aria-hidden="true">publish</mat-icon>
            <span i18n="@@imports.apply">Importar</span>
          </button>
        </div>
      </section>

      @if (store.busy()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Procesando el archivo"
          i18n-aria-label="@@imports.busy"
        />
      }
      @if (store.error(); as message) {
        <p class="error" role="alert" data-testid="import-error">{{ message }}</p>
      }

      @if (store.plan(); as plan) {
        <section class="plan" aria-labelledby="plan-title" data-testid="import-plan">
          <h2 id="plan-title" class="section-title">
            @if (plan.applied) {
              <span i18n="@@imports.plan.applied">Importación aplicada</span>
            } @else if (plan.errorCount) {
              <span i18n="@@imports.plan.errors"
                >El archivo tiene errores: no se importará nada</span
              >
            } @else {
              <span i18n="@@imports.plan.dry"
                >Plan de la importación (aún no se escribió nada)</span
              >
            }
          </h2>
          <div role="status" aria-live="polite">
            <ul class="counts">
              <li data-testid="import-count-create">
                <span class="count">{{ plan.counts.create }}</span>
                <span i18n="@@imports.count.create">por crear</span>
              </li>
              <li data-testid="import-count-update">
                <span class="count">{{ plan.counts.update }}</span>
                <span i18n="@@imports.count.update">por actualizar</span>
              </li>
              <li data-testid="import-count-unchanged">
                <span class="count">{{ plan.counts.unchanged }}</span>
                <span i18n="@@imports.count.unchanged">sin cambios</span>
              </li>
              @if (plan.counts.delete) {
                <li data-testid="import-count-delete">
                  <span class="count">{{ plan.counts.delete }}</span>
                  <span i18n="@@imports.count.delete">por eliminar</span>
                </li>
              }
              <li data-testid="import-count-errors">
                <span class="count">{{ plan.errorCount }}</span>
                <span i18n="@@imports.count.errors">errores</span>
              </li>
            </ul>
          </div>
          @if (plan.applied) {
            <p>
              <a mat-button routerLink="/acciones" data-testid="import-see-actions">
                <span i18n="@@imports.seeActions">Ver las acciones</span>
              </a>
            </p>
          }

          @if (plan.activities?.length) {
            <h3 id="activities-title" i18n="@@imports.activities">Por actividad</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="activities-title">
              <table class="list" data-testid="import-activities">
                <thead>
                  <tr>
                    <th scope="col" i18n="@@imports.col.activity">Actividad</th>
                    <th scope="col" i18n="@@imports.col.identifier">Identificador</th>
                    <th scope="col" class="num" i18n="@@imports.col.create">Por crear</th>
                    <th scope="col" class="num" i18n="@@imports.col.update">Por actualizar</th>
                    <th scope="col" class="num" i18n="@@imports.col.delete">Por eliminar</th>
                    <th scope="col" class="num" i18n="@@imports.col.unchanged">Sin cambios</th>
                    <th scope="col" class="num" i18n="@@imports.col.problems">Errores</th>
                    <th scope="col" i18n="@@imports.col.state">Estado</th>
                  </tr>
                </thead>
                <tbody>
                  @for (a of plan.activities; track a.path) {
                    <tr data-testid="import-activity" [attr.data-skipped]="a.skipped">
                      <td>{{ a.path }}</td>
                      <td>{{ a.code ?? '—' }}</td>
                      <td class="num">{{ a.counts.create }}</td>
                      <td class="num">{{ a.counts.update }}</td>
                      <td class="num">{{ a.counts.delete }}</td>
                      <td class="num">{{ a.counts.unchanged }}</td>
                      <td class="num">{{ a.errors }}</td>
                      <td>
                        @if (a.skipped) {
                          <span class="outcome delete" i18n="@@imports.activity.skipped"
                            >Se omite</span
                          >
                        } @else if (a.errors) {
                          <span class="outcome delete" i18n="@@imports.activity.errors"
                            >Con errores</span
                          >
                        } @else {
                          <span i18n="@@imports.activity.ok">Correcta</span>
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }

          @if (skipped().length) {
            <h3 id="skipped-title" i18n="@@imports.skipped">
              Actividades omitidas (no se importan)
            </h3>
            <ul class="skipped" data-testid="import-skipped" aria-labelledby="skipped-title">
              @for (a of skipped(); track a.path) {
                <li data-testid="import-skipped-activity">
                  <strong>{{ a.code ?? a.path }}</strong> ({{ a.path }})
                  <ul>
                    @for (e of a.issues; track $index) {
                      <li>
                        {{ location(e.location) }}: {{ issue(e) }}
                        @if (e.value) {
                          <code>{{ e.value }}</code>
                        }
                      </li>
                    }
                  </ul>
                </li>
              }
            </ul>
          }

          @if (plan.errors.length) {
            <h3 id="errors-title" i18n="@@imports.errors">Errores</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="errors-title">
              <table class="list" data-testid="import-errors">
                <thead>
                  <tr>
                    <th scope="col" i18n="@@imports.col.location">Ubicación</th>
                    <th scope="col" i18n="@@imports.col.problem">Problema</th>
                    <th scope="col" i18n="@@imports.col.value">Valor</th>
                  </tr>
                </thead>
                <tbody>
                  @for (e of plan.errors; track $index) {
                    <tr data-testid="import-error-row">
                      <td>{{ location(e.location) }}</td>
                      <td>{{ issue(e) }}</td>
                      <td>
                        @if (e.value) {
                          <code>{{ e.value }}</code>
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }

          @if (plan.warnings.length) {
            <h3 id="warnings-title" i18n="@@imports.warnings">Partes que no se importan</h3>
            <ul data-testid="import-warnings">
              @for (w of plan.warnings; track $index) {
                <li>{{ location(w.location) }}: {{ issue(w) }}</li>
              }
            </ul>
          }

          @if (counts().length) {
            <h3 id="tables-title" i18n="@@imports.byTable">Por tabla</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="tables-title">
              <table class="list narrow" data-testid="import-by-table">
                <thead>
                  <tr>
                    <th scope="col" i18n="@@imports.col.table">Tabla</th>
                    <th scope="col" class="num" i18n="@@imports.col.create">Por crear</th>
                    <th scope="col" class="num" i18n="@@imports.col.update">Por actualizar</th>
                    <th scope="col" class="num" i18n="@@imports.col.unchanged">Sin cambios</th>
                  </tr>
                </thead>
                <tbody>
                  @for (c of counts(); track c.table) {
                    <tr>
                      <th scope="row">{{ c.label }}</th>
                      <td class="num">{{ c.create }}</td>
                      <td class="num">{{ c.update }}</td>
                      <td class="num">{{ c.unchanged }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }

          @if (plan.rows.length) {
            <div class="rows-header">
              <h3 id="rows-title" i18n="@@imports.rows">Filas</h3>
              <mat-form-field subscriptSizing="dynamic">
                <mat-label i18n="@@imports.filter">Mostrar</mat-label>
                <mat-select
                  [ngModel]="outcome()"
                  (ngModelChange)="outcome.set($event)"
                  data-testid="import-rows-filter"
                >
                  <mat-option value="" i18n="@@imports.filter.all">Todas</mat-option>
                  @for (o of outcomes; track o) {
                    <mat-option [value]="o">{{ outcomeLabels[o] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </div>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="rows-title">
              <table class="list" data-testid="import-rows">
                <thead>
                  <tr>
                    <th scope="col" i18n="@@imports.col.location">Ubicación</th>
                    <th scope="col" i18n="@@imports.col.table">Tabla</th>
                    <th scope="col" i18n="@@imports.col.key">Registro</th>
                    <th scope="col" i18n="@@imports.col.outcome">Resultado</th>
                    <th scope="col" i18n="@@imports.col.changes">Campos que cambian</th>
                  </tr>
                </thead>
                <tbody>
                  @for (r of shownRows(); track $index) {
                    <tr data-testid="import-row" [attr.data-outcome]="r.outcome">
                      <td>{{ location(r.location) }}</td>
                      <td>{{ tableLabel(r.table) }}</td>
                      <td>{{ r.key }}</td>
                      <td>
                        <span class="outcome" [class]="'outcome ' + r.outcome">{{
                          outcomeLabels[r.outcome]
                        }}</span>
                      </td>
                      <td>{{ r.changes?.join(', ') }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            @if (hiddenRows() > 0) {
              <p class="muted" i18n="@@imports.moreRows">
                Se muestran {{ shownRows().length }} filas; {{ hiddenRows() }} más no se muestran.
              </p>
            }
          }
        </section>
      }
    </div>
  `,
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
