import { ApiProperty } from '@nestjs/swagger';

/** One evidence file as listings show it (never its bytes). */
export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ type: String, format: 'uuid' })
  milestoneId: string | null;
  @ApiProperty({ type: String, format: 'uuid' })
  resultId: string | null;
  @ApiProperty({ example: 'Minuta del taller de arranque.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf', description: 'Sniffed from the content' })
  mediaType: string;
  sizeBytes: number;
  @ApiProperty({ description: 'Lower-case hex SHA-256 of the content' }) sha256: string;
  uploadedBy: string | null;
  uploadedByName: string | null;
  uploadedAt: string;
  @ApiProperty({ example: '/api/v1/evidence/…/download' }) downloadPath: string;
}

export class EvidenceListDto {
  items: EvidenceDto[];
}

/** The multipart body of an upload (documentation only: parsed by @fastify/multipart). */
export class EvidenceUploadDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description:
      'One to five files, field name "file". PDF, PNG, JPEG, WebP, GIF, DOCX/XLSX/PPTX, ' +
      'ODT/ODS/ODP, DOC/XLS/PPT; type checked by content; each up to EVIDENCE_MAX_BYTES.',
  })
  file: unknown[];
}

/** The columns of {@link EvidenceDto} for evidence_files aliased `e` joined with users `u`. */
export const EVIDENCE_COLUMNS = `e.id, e.action_id AS "actionId", e.milestone_id AS "milestoneId",
  e.result_id AS "resultId", e.file_name AS "fileName", e.media_type AS "mediaType",
  e.size_bytes AS "sizeBytes", e.sha256, e.uploaded_by AS "uploadedBy", u.name AS "uploadedByName",
  to_char(e.uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "uploadedAt",
  '/api/v1/evidence/' || e.id || '/download' AS "downloadPath"`;

export const EVIDENCE_FROM = `evidence_files e LEFT JOIN users u ON u.id = e.uploaded_by`;

/** Partners (and share-link viewers) see the files, not which staff member uploaded them. */
export function withoutUploader(e: EvidenceDto): EvidenceDto {
  return { ...e, uploadedBy: null, uploadedByName: null };
}
