import { attachment } from '../common/content-disposition';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeleteQueryDto } from '../actions/parts.controller';
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
import { BoardService } from './board.service';

const without = <T extends { version?: number }>(body: T) => {
  const { version: _v, ...rest } = body;
  return rest;
};

/** Board follow-up: staff write, the director reads, partners have no access. */
@ApiTags('board')
@Controller('v1')
export class BoardController {
  constructor(
    private readonly board: BoardService,
    private readonly reports: BoardReportService,
  ) {}

  @Get('board-sessions')
  @Roles('staff', 'director')
  @ApiOkResponse({ type: [BoardSessionDto] })
  listSessions(@Query() query: SessionListQueryDto): Promise<BoardSessionDto[]> {
    return this.board.listSessions(query.instituteId);
  }

  @Post('board-sessions')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardSessionDto })
  @ApiConflictResponse({ description: 'BOARD_SESSION_EXISTS' })
  createSession(
    @Body() body: SessionInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardSessionDto> {
    return this.board.createSession(actor, body);
  }

  @Get('board-sessions/:id')
  @Roles('staff', 'director')
  @ApiOperation({ summary: 'A session with its agenda and the agreements recorded in it' })
  @ApiOkResponse({ type: BoardSessionDetailDto })
  session(@Param('id', ParseUUIDPipe) id: string): Promise<BoardSessionDetailDto> {
    return this.board.session(id);
  }

  @Patch('board-sessions/:id')
  @Roles('staff')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: BoardSessionDto })
  updateSession(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSessionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<BoardSessionDto> {
    return this.board.updateSession(
      actor,
      id,
      without(body),
      requiredVersion(ifMatch, body.version),
    );
  }

  @Delete('board-sessions/:id')
  @Roles('staff')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'BOARD_SESSION_IN_USE (has agreements)' })
  async removeSession(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeSession(actor, id, query.version);
  }

  @Post('board-sessions/:id/agenda-items')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardAgendaItemDto })
  addAgendaItem(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AgendaItemInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgendaItemDto> {
    return this.board.addAgendaItem(actor, id, body);
  }

  @Patch('board-sessions/:id/agenda-items/:itemId')
  @Roles('staff')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: BoardAgendaItemDto })
  updateAgendaItem(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: UpdateAgendaItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgendaItemDto> {
    return this.board.updateAgendaItem(
      actor,
      id,
      itemId,
      without(body),
      requiredVersion(ifMatch, body.version),
    );
  }

  @Delete('board-sessions/:id/agenda-items/:itemId')
  @Roles('staff')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeAgendaItem(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeAgendaItem(actor, id, itemId, query.version);
  }

  @Post('board-sessions/:id/agreements')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardAgreementRecordDto })
  @ApiConflictResponse({ description: 'BOARD_AGREEMENT_EXISTS (code unique per institute)' })
  addAgreement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AgreementInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgreementRecordDto> {
    return this.board.addAgreement(actor, id, body);
  }

  @Get('board-sessions/:id/report')
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

  @Get('board-sessions/:id/report.pdf')
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

  @Get('board-agreements')
  @Roles('staff', 'director')
  @ApiOperation({ summary: 'Agreements with their latest note (filter by institute, status)' })
  @ApiOkResponse({ type: [BoardAgreementDto] })
  agreements(@Query() query: AgreementListQueryDto): Promise<BoardAgreementDto[]> {
    return this.board.agreements(query);
  }

  @Get('board-agreements/:id')
  @Roles('staff', 'director')
  @ApiOkResponse({ type: BoardAgreementDetailDto })
  agreement(@Param('id', ParseUUIDPipe) id: string): Promise<BoardAgreementDetailDto> {
    return this.board.agreement(id);
  }

  @Patch('board-agreements/:id')
  @Roles('staff')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: BoardAgreementRecordDto })
  updateAgreement(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAgreementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgreementRecordDto> {
    return this.board.updateAgreement(
      actor,
      id,
      without(body),
      requiredVersion(ifMatch, body.version),
    );
  }

  @Delete('board-agreements/:id')
  @Roles('staff')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeAgreement(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeAgreement(actor, id, query.version);
  }

  @Get('board-agreements/:id/notes')
  @Roles('staff', 'director')
  @ApiOkResponse({ type: [BoardAgreementNoteDto] })
  notes(@Param('id', ParseUUIDPipe) id: string): Promise<BoardAgreementNoteDto[]> {
    return this.board.agreement(id).then((a) => a.notes);
  }

  @Post('board-agreements/:id/notes')
  @Roles('staff')
  @ApiCreatedResponse({ type: BoardAgreementNoteDto })
  addNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: NoteInput,
    @CurrentActor() actor: Actor,
  ): Promise<BoardAgreementNoteDto> {
    return this.board.addNote(actor, id, body);
  }

  @Delete('board-agreements/:id/notes/:noteId')
  @Roles('staff')
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeNote(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('noteId', ParseUUIDPipe) noteId: string,
    @CurrentActor() actor: Actor,
  ) {
    await this.board.removeNote(actor, id, noteId);
  }
}
