import {
  ChangeDetectionStrategy,
  Component,
  inject,
  LOCALE_ID,
  model,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { EVIDENCE_ACCEPT, formatSize, MAX_FILES, pickFiles } from './evidence-files';

/**
 * Chooses evidence files to send with a form (the milestone dialogs): a real button opens the
 * file chooser, files can also be dropped, each chosen file can be removed again.
 */
@Component({
  selector: 'app-evidence-picker',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="picker"
      [class.dragging]="dragging()"
      (dragover)="onDragOver($event)"
      (dragleave)="dragging.set(false)"
      (drop)="onDrop($event)"
    >
      <input
        #input
        type="file"
        multiple
        class="cdk-visually-hidden"
        tabindex="-1"
        aria-hidden="true"
        [accept]="accept"
        (change)="add(input.files); input.value = ''"
        data-testid="evidence-picker-input"
      />
      <button
        mat-stroked-button
        type="button"
        (click)="input.click()"
        [disabled]="files().length >= max"
        data-testid="evidence-picker"
      >
        <mat-icon aria-hidden="true">attach_file</mat-icon>
        <span i18n="@@evidence.choose">Adjuntar archivos de evidencia</span>
      </button>
      <span class="hint" i18n="@@evidence.pickerHint"
        >PDF, imágenes u Office; hasta 5 (también puedes arrastrarlos aquí).</span
      >
      @if (files().length) {
        <ul class="chosen" aria-live="polite">
          @for (f of files(); track $index) {
            <li data-testid="evidence-chosen">
              <mat-icon aria-hidden="true">description</mat-icon>
              <span>{{ f.name }}</span>
              <span class="hint">{{ size(f.size) }}</span>
              <button
                mat-icon-button
                type="button"
                (click)="removeAt($index)"
                [attr.aria-label]="removeLabel(f.name)"
              >
                <mat-icon aria-hidden="true">close</mat-icon>
              </button>
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    .picker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      padding: 4px;
      border-radius: 8px;
    }
    .picker.dragging {
      outline: 2px dashed var(--mat-sys-primary);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .chosen {
      list-style: none;
      margin: 0;
      padding: 0;
      width: 100%;
    }
    .chosen li {
      display: flex;
      align-items: center;
      gap: 8px;
    }
  `,
})
export class EvidencePicker {
  private readonly locale = inject(LOCALE_ID);
  /** The chosen files (two-way bound). */
  readonly files = model<File[]>([]);
  protected readonly accept = EVIDENCE_ACCEPT;
  protected readonly max = MAX_FILES;
  protected readonly dragging = signal(false);

  protected add(list: FileList | null): void {
    this.files.set(pickFiles([...this.files(), ...pickFiles(list)]));
  }

  protected removeAt(index: number): void {
    this.files.set(this.files().filter((_, i) => i !== index));
  }

  protected size(bytes: number): string {
    return formatSize(bytes, this.locale);
  }

  protected removeLabel(name: string): string {
    return $localize`:@@evidence.removeChosen:Quitar ${name}:name:`;
  }

  protected onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.add(event.dataTransfer?.files ?? null);
  }
}
