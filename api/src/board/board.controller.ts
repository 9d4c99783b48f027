import { attachment } from '../common/content-disposition';
import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeleteQueryDto } from '../common/dto/delete-query.dto';
import { requiredVersion } from '../actions/version';
import { Roles } from '../auth/access.decorator';
import { Actor, CurrentActor } from '../auth/auth-user';
import { localeOf } from '../common/errors';
import {
  AgendaItemInput,
  AgreementInput,
  AgreementListQueryDto,
  NoteInput,
  ReportQueryDto,
  SessionInput,
  SessionListQueryDto,
  UpdateAgendaItemDto,
  UpdateAgreementDto,
  UpdateSessionDto,
} from './board.dto';
import { BoardReportService } from './board-report';
import { boardReportFileName, renderBoardReport } from './board-report-pdf';
import {
  BoardAgendaItemDto,
  BoardAgreementDetailDto,
  BoardAgreementDto,
  BoardAgreementNoteDto,
  BoardAgreementRecordDto,
  BoardReportDto,
  BoardSessionDetailDto,
  BoardSessionDto,
} from './board-response.dto';
import {
  toBoardAgendaItemDto,
  toBoardAgreementNoteDto,
  toBoardAgreementRecordDto,
  toBoardSessionDto,
} from './board.mapper';
import { BoardService } from './board.service';
import { AuditedDelete, VersionedPatch } from '../common/versioned-routes';

const without = <T extends { version?: number }>(body: T) => {
  const { version: _v, ...rest } = body;
  return rest;
};

/** Board sessions, their agenda and reports: staff write, the director reads, partners have no access. */
@ApiTags('board')
@Controller('v1/board-sessions')
export class BoardSessionsController {
  constructor(
    private readonly board: BoardService,
    private readonly reports: BoardReportService,
  ) {}

  @Get()
  @Roles('staff', 'director')
  @ApiOkResponse({ type: [BoardSessionDto] })
  async listSessions(@Query() query: SessionListQueryDto): Promise<BoardSessionDto[]> {
    return (await this.board.listSessions(query.instituteId)).map(toBoardSessionDto);
  }

  @Post()
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardSessionDto })
  @ApiConflictResponse({ description: 'BOARD_SESSION_EXISTS' })
  createSession(
    @Body() body: SessionInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardSessionDto> {
    return this.board.createSession(actor, body).then(toBoardSessionDto);
  }

  @Get(':id')
  @Roles('staff', 'director')
  @ApiOperation({ summary: 'A session with its agenda and the agreements recorded in it' })
  @ApiOkResponse({ type: BoardSessionDetailDto })
  async session(@Param('id', ParseUUIDPipe) id: string): Promise<BoardSessionDetailDto> {
    const { agendaItems, agreements, ...session } = await this.board.session(id);
    return {
      ...toBoardSessionDto(session),
      agendaItems: agendaItems.map(toBoardAgendaItemDto),
      agreements,
    };
  }

  @VersionedPatch(':id', BoardSessionDto)
  updateSession(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSessionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<BoardSessionDto> {
    return this.board
      .updateSession(actor, id, without(body), requiredVersion(ifMatch, body.version))
      .then(toBoardSessionDto);
  }

  @AuditedDelete(':id')
  @ApiConflictResponse({ description: 'BOARD_SESSION_IN_USE (has agreements)' })
  async removeSession(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeSession(actor, id, query.version);
  }

  @Post(':id/agenda-items')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardAgendaItemDto })
  addAgendaItem(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AgendaItemInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgendaItemDto> {
    return this.board.addAgendaItem(actor, id, body).then(toBoardAgendaItemDto);
  }

  @VersionedPatch(':id/agenda-items/:itemId', BoardAgendaItemDto)
  updateAgendaItem(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: UpdateAgendaItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgendaItemDto> {
    const version = requiredVersion(ifMatch, body.version);
    return this.board
      .updateAgendaItem(actor, id, itemId, without(body), version)
      .then(toBoardAgendaItemDto);
  }

  @AuditedDelete(':id/agenda-items/:itemId')
  async removeAgendaItem(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeAgendaItem(actor, id, itemId, query.version);
  }

  @Post(':id/agreements')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardAgreementRecordDto })
  @ApiConflictResponse({ description: 'BOARD_AGREEMENT_EXISTS (code unique per institute)' })
  addAgreement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgreementRecordDto> {
    return this.board.addAgreement(actor, id, body).then(toBoardAgreementRecordDto);
  }

  @Get(':id/report')
  @Roles('staff', 'director')
  @ApiOperation({
    summary:
      'Follow-up report: changes of the agenda actions since the previous session, and pending agreements',
  })
  @ApiOkResponse({ type: BoardReportDto })
  report(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReportQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<BoardReportDto> {
    return this.reports.build(id, query.lang ?? localeOf(acceptLanguage));
  }

  @Get(':id/report.pdf')
  @Roles('staff', 'director')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The follow-up report as a PDF file (attachment)',
    schema: { type: 'string', format: 'binary' },
  })
  async reportPdf(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.reports.build(id, query.lang ?? 'es');
    const name = boardReportFileName(report.session, report.lang);
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', attachment(name))
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(renderBoardReport(report));
  }
}

/** Board agreements and their follow-up notes: staff write, the director reads. */
@ApiTags('board')
@Controller('v1/board-agreements')
export class BoardAgreementsController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @Roles('staff', 'director')
  @ApiOperation({ summary: 'Agreements with their latest note (filter by institute, status)' })
  @ApiOkResponse({ type: [BoardAgreementDto] })
  agreements(@Query() query: AgreementListQueryDto): Promise<BoardAgreementDto[]> {
    return this.board.agreements(query);
  }

  @Get(':id')
  @Roles('staff', 'director')
  @ApiOkResponse({ type: BoardAgreementDetailDto })
  async agreement(@Param('id', ParseUUIDPipe) id: string): Promise<BoardAgreementDetailDto> {
    const agreement = await this.board.agreement(id);
    return { ...agreement, notes: agreement.notes.map(toBoardAgreementNoteDto) };
  }

  @VersionedPatch(':id', BoardAgreementRecordDto)
  updateAgreement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAgreementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgreementRecordDto> {
    return this.board
      .updateAgreement(actor, id, without(body), requiredVersion(ifMatch, body.version))
      .then(toBoardAgreementRecordDto);
  }

  @AuditedDelete(':id')
  async removeAgreement(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeAgreement(actor, id, query.version);
  }

  @Get(':id/notes')
  @Roles('staff', 'director')
  @ApiOkResponse({ type: [BoardAgreementNoteDto] })
  async notes(@Param('id', ParseUUIDPipe) id: string): Promise<BoardAgreementNoteDto[]> {
    return (await this.board.agreement(id)).notes.map(toBoardAgreementNoteDto);
  }

  @Post(':id/notes')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardAgreementNoteDto })
  addNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: NoteInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgreementNoteDto> {
    return this.board.addNote(actor, id, body).then(toBoardAgreementNoteDto);
  }

  @AuditedDelete(':id/notes/:noteId')
  async removeNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeNote(actor, id, noteId);
  }
}
