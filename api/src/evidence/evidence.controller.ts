import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { READERS, Roles } from '../auth/access.decorator';
import { actorOf, type AuthedRequest, AuthUser, CurrentUser } from '../auth/auth-user';
import { attachment } from '../common/content-disposition';
import { EvidenceListDto, EvidenceUploadDto } from './evidence.dto';
import { EvidenceDownload, EvidenceOwner, EvidenceService } from './evidence.service';

const UPLOAD_DOCS = [
  ApiConsumes('multipart/form-data'),
  ApiBody({ type: EvidenceUploadDto }),
  ApiCreatedResponse({ type: EvidenceListDto }),
  ApiNotFoundResponse({ description: 'ACTION_NOT_FOUND, RECORD_NOT_FOUND' }),
  ApiConflictResponse({ description: 'ACTION_ARCHIVED' }),
  ApiPayloadTooLargeResponse({
    description: 'EVIDENCE_TOO_LARGE, EVIDENCE_TOO_MANY_FILES, UPLOAD_TOO_MANY_FIELDS',
  }),
  ApiUnsupportedMediaTypeResponse({
    description: 'EVIDENCE_TYPE_NOT_ALLOWED, EVIDENCE_TYPE_MISMATCH, UNSUPPORTED_MEDIA_TYPE',
  }),
];
const applyAll =
  (decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };

/**
 * Evidence files of an action, its milestones and its results. Anyone who may see the action
 * may list and download them (partners: only their organisation's actions; others get 404);
 * staff and admins upload and delete.
 */
@ApiTags('evidence')
@Controller('v1/actions/:id')
export class ActionEvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  private async upload(
    request: AuthedRequest,
    owner: EvidenceOwner,
    user: AuthUser,
  ): Promise<EvidenceListDto> {
    const items = await this.evidence.upload(request, owner, user, actorOf(request));
    return { items };
  }

  @Get('evidence')
  @Roles(...READERS, 'partner')
  @ApiOperation({
    summary: 'Every evidence file of an action (its own, its milestones’, results’)',
  })
  @ApiOkResponse({ type: EvidenceListDto })
  async listForAction(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<EvidenceListDto> {
    return { items: await this.evidence.list({ actionId: id }, user) };
  }

  @Post('evidence')
  @Roles('staff')
  @ApiOperation({ summary: 'Upload evidence files to an action (multipart, field "file")' })
  @applyAll(UPLOAD_DOCS)
  uploadForAction(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: AuthedRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.upload(request, { actionId: id }, user);
  }

  @Get('milestones/:milestoneId/evidence')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Evidence files of one milestone' })
  @ApiOkResponse({ type: EvidenceListDto })
  async listForMilestone(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<EvidenceListDto> {
    return { items: await this.evidence.list({ actionId: id, milestoneId }, user) };
  }

  @Post('milestones/:milestoneId/evidence')
  @Roles('staff')
  @ApiOperation({ summary: 'Upload evidence files to a milestone (multipart, field "file")' })
  @applyAll(UPLOAD_DOCS)
  uploadForMilestone(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Req() request: AuthedRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.upload(request, { actionId: id, milestoneId }, user);
  }

  @Get('results/:resultId/evidence')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Evidence files of one result' })
  @ApiOkResponse({ type: EvidenceListDto })
  async listForResult(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('resultId', ParseUUIDPipe) resultId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<EvidenceListDto> {
    return { items: await this.evidence.list({ actionId: id, resultId }, user) };
  }

  @Post('results/:resultId/evidence')
  @Roles('staff')
  @ApiOperation({ summary: 'Upload evidence files to a result (multipart, field "file")' })
  @applyAll(UPLOAD_DOCS)
  uploadForResult(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('resultId', ParseUUIDPipe) resultId: string,
    @Req() request: AuthedRequest,
    @CurrentUser() user: AuthUser,
  ) {
    return this.upload(request, { actionId: id, resultId }, user);
  }
}

/** One evidence file, by its id: download and delete. */
@ApiTags('evidence')
@Controller('v1/evidence/:id')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('download')
  @Roles(...READERS, 'partner')
  @ApiOperation({
    summary:
      'Download an evidence file (attachment, RFC 5987 filename*, nosniff, Repr-Digest sha-256)',
  })
  @ApiProduces('application/octet-stream')
  @ApiNotFoundResponse({ description: 'EVIDENCE_NOT_FOUND (also for files a partner may not see)' })
  async download(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendEvidence(reply, await this.evidence.download(id, user));
  }

  @Delete()
  @Roles('staff')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an evidence file (audited)' })
  @ApiNotFoundResponse({ description: 'EVIDENCE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'ACTION_ARCHIVED' })
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Req() request: AuthedRequest,
  ): Promise<void> {
    await this.evidence.remove(id, user, actorOf(request));
  }
}

/** An evidence file as an attachment that browsers neither sniff nor render inline. */
export function sendEvidence(reply: FastifyReply, file: EvidenceDownload): Buffer {
  void reply
    .header('content-type', file.mediaType)
    .header('content-length', String(file.content.length))
    .header('content-disposition', attachment(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .header('etag', `"${file.sha256}"`)
    .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  return file.content;
}
