import type {} from '@fastify/multipart';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { actionConditions } from '../actions/action-filters';
import { SqlParams } from '../common/sql-scope';
import { PartsWriter } from '../actions/parts.writer';
import { AuditService } from '../audit/audit.service';
import type { Actor, AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { IncomingFile, InspectedFile, inspectFile } from './evidence-inspection';
import { EVIDENCE_COLUMNS, EVIDENCE_FROM, EvidenceDto, withoutUploader } from './evidence.dto';

/** Most files one upload may carry (each up to EVIDENCE_MAX_BYTES). */
export const MAX_FILES_PER_UPLOAD = 5;
/** Form fields (other than files) one upload may carry; more → 413 UPLOAD_TOO_MANY_FIELDS. */
export const MAX_FIELDS_PER_UPLOAD = 10;

/** What an evidence file is attached to: the action itself, or one of its milestones or results. */
export interface EvidenceOwner {
  actionId: string;
  milestoneId?: string;
  resultId?: string;
}

export interface EvidenceDownload {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

type Viewer = Pick<AuthUser, 'role' | 'organisationId'>;

/**
 * Evidence files, kept in PostgreSQL: metadata in evidence_files, bytes in evidence_contents.
 * Uploads are read and checked completely before anything is written; then every file, its
 * content and its audit row are written in one transaction.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parts: PartsWriter,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The action must exist (and be visible), and the milestone/result must belong to it. */
  private async assertOwner(m: EntityManager, owner: EvidenceOwner, user: Viewer): Promise<void> {
    const params = new SqlParams();
    const idParam = params.add(owner.actionId);
    const where = actionConditions({ archived: true }, user, params);
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM actions a WHERE a.id = ${idParam} AND ${where}`,
      params.values,
    );
    if (!rows.length) throw AppError.notFound('ACTION_NOT_FOUND');
    for (const [id, table] of [
      [owner.milestoneId, 'milestones'],
      [owner.resultId, 'results'],
    ] as const) {
      if (!id) continue;
      const found: unknown[] = await m.query(
        `SELECT 1 FROM ${table} WHERE id = $1 AND action_id = $2`,
        [id, owner.actionId],
      );
      if (!found.length) throw AppError.notFound('RECORD_NOT_FOUND');
    }
  }

  async list(owner: EvidenceOwner, user: Viewer): Promise<EvidenceDto[]> {
    await this.assertOwner(this.dataSource.manager, owner, user);
    const params = [owner.actionId];
    let extra = '';
    if (owner.milestoneId) extra = ` AND e.milestone_id = $${params.push(owner.milestoneId)}`;
    if (owner.resultId) extra = ` AND e.result_id = $${params.push(owner.resultId)}`;
    const rows: EvidenceDto[] = await this.dataSource.query(
      `SELECT ${EVIDENCE_COLUMNS} FROM ${EVIDENCE_FROM}
        WHERE e.action_id = $1${extra} ORDER BY e.uploaded_at, e.id`,
      params,
    );
    return user.role === 'partner' ? rows.map(withoutUploader) : rows;
  }

  /** Reads every file part of the multipart request into memory, within the configured limits. */
  private async readFiles(request: FastifyRequest): Promise<IncomingFile[]> {
    if (!request.isMultipart()) {
      throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', {
        expected: 'multipart/form-data',
      });
    }
    const files: IncomingFile[] = [];
    try {
      for await (const part of request.parts({
        limits: {
          fileSize: this.config.evidenceMaxBytes,
          files: MAX_FILES_PER_UPLOAD,
          fields: MAX_FIELDS_PER_UPLOAD,
          fieldSize: 10_000,
          parts: MAX_FILES_PER_UPLOAD + MAX_FIELDS_PER_UPLOAD,
        },
      })) {
        if (part.type !== 'file') continue;
        const content = await part.toBuffer();
        files.push({ declaredName: part.filename, declaredType: part.mimetype, content });
      }
    } catch (error) {
      // Let the client finish sending so that it reads the answer instead of a reset connection.
      request.raw.unpipe();
      request.raw.resume();
      throw this.multipartError(error);
    }
    if (!files.length || files.every((f) => !f.content.length))
      throw new AppError(HttpStatus.BAD_REQUEST, 'EVIDENCE_FILE_REQUIRED');
    return files;
  }

  private multipartError(error: unknown): unknown {
    if (error instanceof AppError) return error;
    switch ((error as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        return new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'EVIDENCE_TOO_LARGE', {
          maxBytes: this.config.evidenceMaxBytes,
        });
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'EVIDENCE_TOO_MANY_FILES', {
          maxFiles: MAX_FILES_PER_UPLOAD,
        });
      case 'FST_FIELDS_LIMIT':
        return new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'UPLOAD_TOO_MANY_FIELDS', {
          maxFields: MAX_FIELDS_PER_UPLOAD,
        });
      default:
        return new AppError(HttpStatus.BAD_REQUEST, 'BAD_REQUEST', {
          reason: 'malformed multipart/form-data',
        });
    }
  }

  async upload(
    request: FastifyRequest,
    owner: EvidenceOwner,
    user: Viewer,
    actor: Actor,
  ): Promise<EvidenceDto[]> {
    // Refuse early (before reading the body) when the target does not exist or is archived.
    await this.dataSource.transaction(async (m) => {
      await this.assertOwner(m, owner, user);
      await this.parts.lockAction(m, owner.actionId);
    });
    const incoming = await this.readFiles(request);
    const inspected: InspectedFile[] = [];
    for (const file of incoming) inspected.push(await inspectFile(file));
    const ids = await this.dataSource.transaction(async (m) => {
      await this.parts.lockAction(m, owner.actionId);
      await this.assertOwner(m, owner, user);
      const created: string[] = [];
      for (const file of inspected) {
        const [row]: { id: string; uploaded_at: Date }[] = await m.query(
          `INSERT INTO evidence_files (action_id, milestone_id, result_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp()) RETURNING id, uploaded_at`,
          [
            owner.actionId,
            owner.milestoneId ?? null,
            owner.resultId ?? null,
            file.fileName,
            file.mediaType,
            file.sizeBytes,
            file.sha256,
            actor.id,
          ],
        );
        await m.query(`INSERT INTO evidence_contents (evidence_id, content) VALUES ($1, $2)`, [
          row.id,
          file.content,
        ]);
        await this.audit.record(m, actor, {
          operation: 'create',
          entity: 'evidence',
          entityId: row.id,
          actionId: owner.actionId,
          after: {
            id: row.id,
            actionId: owner.actionId,
            milestoneId: owner.milestoneId ?? null,
            resultId: owner.resultId ?? null,
            fileName: file.fileName,
            mediaType: file.mediaType,
            sizeBytes: file.sizeBytes,
            sha256: file.sha256,
            uploadedBy: actor.id,
            uploadedAt: row.uploaded_at,
          },
        });
        created.push(row.id);
      }
      return created;
    });
    return this.dataSource.query(
      `SELECT ${EVIDENCE_COLUMNS} FROM ${EVIDENCE_FROM} WHERE e.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], e.id)`,
      [ids],
    );
  }

  /** The file with its bytes, if the user may see its action (otherwise EVIDENCE_NOT_FOUND). */
  /** A file `user` may see; with `actionId`, only if it belongs to that action (share links). */
  async download(id: string, user: Viewer, actionId?: string): Promise<EvidenceDownload> {
    const params = new SqlParams();
    const idParam = params.add(id);
    let where = actionConditions({ archived: true }, user, params);
    if (actionId) where += ` AND e.action_id = ${params.add(actionId)}`;
    const rows: EvidenceDownload[] = await this.dataSource.query(
      `SELECT e.file_name AS "fileName", e.media_type AS "mediaType", e.size_bytes AS "sizeBytes",
              e.sha256, c.content
         FROM evidence_files e
         JOIN evidence_contents c ON c.evidence_id = e.id
         JOIN actions a ON a.id = e.action_id
        WHERE e.id = ${idParam} AND ${where}`,
      params.values,
    );
    if (!rows[0]) throw AppError.notFound('EVIDENCE_NOT_FOUND');
    return rows[0];
  }

  async remove(id: string, user: Viewer, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [before]: EvidenceDto[] = await m.query(
        `SELECT ${EVIDENCE_COLUMNS} FROM ${EVIDENCE_FROM} WHERE e.id = $1`,
        [id],
      );
      if (!before) throw AppError.notFound('EVIDENCE_NOT_FOUND');
      await this.assertOwner(m, { actionId: before.actionId }, user);
      await this.parts.lockAction(m, before.actionId);
      await m.query(`DELETE FROM evidence_files WHERE id = $1`, [id]);
      await this.audit.record(m, actor, {
        operation: 'delete',
        entity: 'evidence',
        entityId: id,
        actionId: before.actionId,
        before,
      });
    });
  }
}
