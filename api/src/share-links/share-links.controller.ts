import { RateLimited } from '../auth/rate-limit.guard';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ActionsService } from '../actions/actions.service';
import { ActionDetailDto } from '../actions/dto/action-response.dto';
import { Public, READERS, Roles } from '../auth/access.decorator';
import { actorOf, type AuthedRequest, AuthUser, CurrentUser } from '../auth/auth-user';
import { localeOf } from '../common/errors';
import { ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import { SheetQueryDto } from '../exports/dto/export-query.dto';
import { file, PDF, XML } from '../exports/exports.controller';
import { ExportsService } from '../exports/exports.service';
import { ThemesService } from '../themes/themes.service';
import { projectSheetStream } from '../exports/project-sheet-stream';
import { CreatedShareLinkDto, CreateShareLinkDto, ShareLinkDto } from './dto/share-link.dto';
import { ShareLinksService } from './share-links.service';
import { withoutUploader } from '../evidence/evidence.dto';
import { sendEvidence } from '../evidence/evidence.controller';
import { EvidenceService } from '../evidence/evidence.service';

/** Staff create, list and revoke the links of an action. */
@ApiTags('share links')
@Controller('v1/actions/:id/share-links')
export class ShareLinksController {
  constructor(
    private readonly links: ShareLinksService,
    private readonly actions: ActionsService,
  ) {}

  @Post()
  @Roles('staff')
  @ApiOperation({
    summary: 'Create a read-only link to the partner view of an action (default 30 days)',
  })
  @ApiCreatedResponse({ type: CreatedShareLinkDto })
  async create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateShareLinkDto,
    @CurrentUser() user: AuthUser,
    @Req() request: AuthedRequest,
  ): Promise<CreatedShareLinkDto> {
    await this.actions.assertVisible(id, user);
    return this.links.create(id, body, actorOf(request));
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: [ShareLinkDto] })
  async list(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ShareLinkDto[]> {
    await this.actions.assertVisible(id, user);
    return this.links.list(id);
  }

  @Post(':linkId/revoke')
  @Roles('staff')
  @HttpCode(200)
  @ApiOkResponse({ type: ShareLinkDto })
  revoke(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('linkId', ParseUUIDPipe) linkId: string,
    @Req() request: AuthedRequest,
  ): Promise<ShareLinkDto> {
    return this.links.revoke(id, linkId, actorOf(request));
  }
}

/** What a link's holder sees without signing in: the partner view of the action and its files. */
@ApiTags('share links')
@Controller('v1/shared/:token')
export class SharedActionController {
  constructor(
    private readonly links: ShareLinksService,
    private readonly actions: ActionsService,
    private readonly exports: ExportsService,
    private readonly rates: ExchangeRatesService,
    private readonly evidence: EvidenceService,
    private readonly themes: ThemesService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The partner view of the shared action (no sign-in; 404 when expired or revoked)',
  })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiNotFoundResponse({ description: 'SHARE_LINK_NOT_FOUND' })
  async view(
    @Param('token') token: string,
    @Req() request: AuthedRequest,
  ): Promise<ActionDetailDto> {
    const actionId = await this.links.use(token, actorOf(request).requestId, 'view');
    const action = await this.partnerView(actionId);
    // Evidence downloads through the link, like the sheet and the IATI file.
    const base = `/api/v1/shared/${encodeURIComponent(token)}/evidence`;
    return {
      ...action,
      evidence: action.evidence.map((e) => ({ ...e, downloadPath: `${base}/${e.id}` })),
    };
  }

  @Get('evidence/:id')
  @RateLimited('exports')
  @Public()
  @ApiOperation({ summary: 'Download an evidence file of the shared action (as the partner view)' })
  @ApiProduces('application/octet-stream')
  @ApiNotFoundResponse({
    description: 'SHARE_LINK_NOT_FOUND; EVIDENCE_NOT_FOUND (also for files of other actions)',
  })
  async evidenceFile(
    @Param('token') token: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const actionId = await this.links.use(token, actorOf(request).requestId, `evidence ${id}`);
    const file = await this.evidence.download(
      id,
      { role: 'director', organisationId: null },
      actionId,
    );
    return sendEvidence(reply, file);
  }

  @Get('sheet.pdf')
  @RateLimited('exports')
  @Public()
  @ApiProduces(PDF)
  async sheet(
    @Param('token') token: string,
    @Query() query: SheetQueryDto,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const actionId = await this.links.use(token, actorOf(request).requestId, 'sheet.pdf');
    const action = await this.partnerView(actionId);
    const lang = query.lang ?? localeOf(request.headers['accept-language']);
    return file(
      reply,
      await projectSheetStream(action, lang, this.rates, this.themes),
      PDF,
      `${action.code}-${lang === 'en' ? 'sheet' : 'ficha'}.pdf`,
    );
  }

  @Get('iati.xml')
  @RateLimited('exports')
  @Public()
  @ApiProduces(XML)
  async iati(
    @Param('token') token: string,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const actionId = await this.links.use(token, actorOf(request).requestId, 'iati.xml');
    const stream = await this.exports.iati(
      {},
      { role: 'director', organisationId: null },
      actionId,
    );
    const [{ code }]: { code: string }[] = await this.exports.codeOf(actionId);
    return file(reply, stream, XML, `${code}-iati.xml`);
  }

  /** The action as a partner sees it (internal notes removed), whatever organisation. */
  private async partnerView(actionId: string): Promise<ActionDetailDto> {
    const full = await this.actions.get(actionId, { role: 'director', organisationId: null });
    const { notes: _notes, ...rest } = full;
    return {
      ...rest,
      // A link's holder takes part in no action: other actions are not theirs to see.
      relatedActions: [],
      participations: rest.participations.map((p) => ({ ...p, notes: null })),
      milestones: rest.milestones.map((m) => ({ ...m, notes: null })),
      results: rest.results.map((r) => ({
        ...r,
        indicators: r.indicators.map((i) => ({ ...i, notes: null })),
      })),
      evidence: rest.evidence.map(withoutUploader),
    } as ActionDetailDto;
  }
}
