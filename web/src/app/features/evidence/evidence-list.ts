import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  LOCALE_ID,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import type { Evidence } from '../../core/api/models';
import { ConfirmData, ConfirmDialog } from '../../shared/confirm-dialog';
import { TimestampPipe } from '../../shared/dates';
import { EVIDENCE_ACCEPT, formatSize, pickFiles, uploadErrorText } from './evidence-files';
import { EvidenceApi, EvidenceTarget } from './evidence.api';

const ICONS: Record<string, string> = {
  'application/pdf': 'picture_as_pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
};

/**
 * The evidence files of an action, a milestone or a result: download links for everyone who sees
 * the action; upload (button or drag and drop) and delete for staff and admins.
 */
@Component({
  selector: 'app-evidence-list',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TimestampPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './evidence-list.html',
  styles: `
    .evidence {
      border-radius: 8px;
      padding: 0;
    }
    .evidence.dragging {
      outline: 2px dashed var(--mat-sys-primary);
      background: var(--mat-sys-surface-container);
    }
    .files {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .files li {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
      min-height: 40px;
    }
    .files a {
      overflow-wrap: anywhere;
    }
    .meta,
    .hint {
      font: var(--mat-sys-body-small);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .upload {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
      margin-top: 4px;
    }
    .empty {
      margin: 4px 0;
    }
  `,
})
export class EvidenceList {
  private readonly api = inject(EvidenceApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly locale = inject(LOCALE_ID);

  readonly target = input.required<EvidenceTarget>();
  /** All evidence of the action: the list shows the files of {@link target} only. */
  readonly evidence = input.required<readonly Evidence[]>();
  readonly canEdit = input(false);
  /** Accessible name of the list, e.g. «Evidencias de Taller de arranque». */
  readonly label = input.required<string>();
  readonly testId = input('evidence');
  /** False where the page puts its own "attach" button (calling {@link pick}) in a row of actions. */
  readonly showUploadButton = input(true);
  /** Say "Sin archivos de evidencia" when there are none (off in milestone and result rows). */
  readonly showEmpty = input(true);
  /** After an upload or a delete: the page re-reads the action. */
  readonly changed = output<void>();

  protected readonly accept = EVIDENCE_ACCEPT;
  readonly busy = signal(false);
  protected readonly dragging = signal(false);
  protected readonly uploadingLabel = $localize`:@@evidence.uploading:Subiendo archivos`;

  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  /** Opens the file chooser (the page's own attach buttons call this). */
  pick(): void {
    if (!this.busy()) this.fileInput()?.nativeElement.click();
  }

  protected readonly items = computed(() => {
    const t = this.target();
    return this.evidence().filter((e) =>
      t.milestoneId
        ? e.milestoneId === t.milestoneId
        : t.resultId
          ? e.resultId === t.resultId
          : !e.milestoneId && !e.resultId,
    );
  });

  protected icon(mediaType: string): string {
    return ICONS[mediaType] ?? 'description';
  }

  protected size(bytes: number): string {
    return formatSize(bytes, this.locale);
  }

  protected downloadLabel(name: string): string {
    return $localize`:@@evidence.downloadNamed:Descargar ${name}:name:`;
  }

  protected deleteLabel(name: string): string {
    return $localize`:@@evidence.deleteNamed:Eliminar evidencia ${name}:name:`;
  }

  protected onDragOver(event: DragEvent): void {
    if (!this.canEdit() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    if (!this.canEdit()) return;
    event.preventDefault();
    this.dragging.set(false);
    void this.upload(pickFiles(event.dataTransfer?.files));
  }

  protected onPicked(input: HTMLInputElement): void {
    const files = pickFiles(input.files);
    input.value = '';
    void this.upload(files);
  }

  /** Sends the files in one request: all are stored, or none (the API says which one failed). */
  async upload(files: File[]): Promise<void> {
    if (!files.length || this.busy()) return;
    this.busy.set(true);
    try {
      const saved = await firstValueFrom(this.api.upload(this.target(), files));
      this.snackBar.open(
        $localize`:@@evidence.uploaded:Evidencia guardada (${saved.items.length}:count: archivo(s)).`,
        undefined,
        { duration: 3000 },
      );
      this.changed.emit();
    } catch (e) {
      this.snackBar.open(uploadErrorText(toApiError(e), this.locale), undefined, {
        duration: 8000,
        politeness: 'assertive',
      });
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(e: Evidence): Promise<void> {
    const data: ConfirmData = {
      title: $localize`:@@evidence.deleteTitle:¿Eliminar este archivo de evidencia?`,
      message: $localize`:@@evidence.deleteMessage:Se eliminará «${e.fileName}:name:». El cambio queda en el historial.`,
      confirm: $localize`:@@parts.delete:Eliminar`,
      danger: true,
    };
    const ref = this.dialog.open(ConfirmDialog, { data, restoreFocus: true, maxWidth: '95vw' });
    if ((await firstValueFrom(ref.afterClosed())) !== true) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.remove(e.id), { defaultValue: null });
      this.snackBar.open($localize`:@@parts.deleted:Eliminado`, undefined, { duration: 3000 });
      this.changed.emit();
    } catch (err) {
      this.snackBar.open(toApiError(err).message, undefined, {
        duration: 6000,
        politeness: 'assertive',
      });
    } finally {
      this.busy.set(false);
    }
  }
}
