import { attachment } from '../common/content-disposition';
import { INSTITUTE_TIME_ZONE } from '../common/calendar-sql';
import { RateLimited } from '../auth/rate-limit.guard';
import {
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { ActionsService } from '../actions/actions.service';
import { ActionFilterDto } from '../actions/dto/action-filter.dto';
import { READERS, Roles } from '../auth/access.decorator';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { localeOf } from '../common/errors';
import { ExchangeRatesService } from '../exchange-rates/exchange-rates.service';
import { ExportFilterDto, SheetQueryDto } from './dto/export-query.dto';
import { TABLE_LABELS } from './export-tables';
import { ExportTable } from './export-tables';
import { ExportsService } from './exports.service';
import { ThemesService } from '../themes/themes.service';
import { projectSheetStream } from './project-sheet-stream';

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XML = 'application/xml; charset=utf-8';
export const PDF = 'application/pdf';

/** A file name safe in any header and file system: [A-Za-z0-9._-] only. */
export function safeFilename(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'export'
  );
}

/** Today in the institute's calendar (Mexico City), as file names say it: YYYY-MM-DD. */
const day = new Intl.DateTimeFormat('en-CA', { timeZone: INSTITUTE_TIME_ZONE });
export const today = (now = new Date()) => day.format(now);

export function file(reply: FastifyReply, stream: Readable, type: string, filename: string) {
  void reply
    .header('Content-Type', type)
    .header('Content-Disposition', attachment(safeFilename(filename)))
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(stream);
}

/**
 * Partner-facing exports. Every list export runs the action filter with the user's scoping in
 * the query (partners: only actions their organisation takes part in); single-action exports
 * answer 404 ACTION_NOT_FOUND for actions the user may not see. Partners never get internal
 * fields (notes).
 */
@ApiTags('exports')
@Controller('v1/exports')
@RateLimited('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  private table(table: ExportTable, query: ExportFilterDto, user: AuthUser, reply: FastifyReply) {
    const { lang, currency: _currency, ...filter } = query;
    const name = lang ? TABLE_LABELS[table][lang].toLowerCase() : table;
    return file(
      reply,
      this.exports.csv(table, filter, user, lang ?? null),
      CSV,
      `coopera-${name}-${today()}.csv`,
    );
  }

  /** `<code>.xlsx` for one action; else coopera-portafolio-<day>.xlsx / coopera-portfolio-…. */
  private async workbookName(filter: ActionFilterDto, lang: 'es' | 'en' | undefined) {
    if (filter.id?.length === 1) {
      const [row] = await this.exports.codeOf(filter.id[0]);
      if (row) return `${row.code}.xlsx`;
    }
    return `coopera-${lang === 'es' ? 'portafolio' : 'portfolio'}-${today()}.xlsx`;
  }

  @Get('actions.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Actions of the filter as CSV (UTF-8 with BOM, RFC 4180)' })
  @ApiProduces(CSV)
  actionsCsv(
    @Query() filter: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.table('actions', filter, user, reply);
  }

  @Get('participations.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Participations of the actions of the filter as CSV' })
  @ApiProduces(CSV)
  participationsCsv(
    @Query() filter: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.table('participations', filter, user, reply);
  }

  @Get('funding.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Money records of the actions of the filter as CSV' })
  @ApiProduces(CSV)
  fundingCsv(
    @Query() filter: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.table('funding', filter, user, reply);
  }

  @Get('milestones.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Milestones of the actions of the filter as CSV' })
  @ApiProduces(CSV)
  milestonesCsv(
    @Query() filter: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.table('milestones', filter, user, reply);
  }

  @Get('results.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Results of the actions of the filter as CSV' })
  @ApiProduces(CSV)
  resultsCsv(
    @Query() filter: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.table('results', filter, user, reply);
  }

  @Get('indicators.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Indicators of the results of the actions of the filter as CSV' })
  @ApiProduces(CSV)
  indicatorsCsv(
    @Query() filter: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.table('indicators', filter, user, reply);
  }

  @Get('portfolio.xlsx')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'The six tables of the filter as one workbook (one sheet each)' })
  @ApiProduces(XLSX)
  async portfolioXlsx(
    @Query() query: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { lang, currency, ...filter } = query;
    const name = await this.workbookName(filter, lang);
    return file(reply, this.exports.xlsx(filter, user, lang ?? null, currency), XLSX, name);
  }

  @Get('partner-money.csv')
  @Roles(...READERS, 'partner')
  @ApiOperation({
    summary:
      'Partner money of the actions of the filter: per organisation, «aportado por el socio» and «en acciones donde participa» for each key figure, in `currency`',
  })
  @ApiProduces(CSV)
  partnerMoneyCsv(
    @Query() query: ExportFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { lang, currency, ...filter } = query;
    const word = lang === 'en' ? 'partner-money' : 'dinero-por-socio';
    return file(
      reply,
      this.exports.partnerMoneyCsv(filter, user, currency ?? 'MXN', lang ?? null),
      CSV,
      `coopera-${word}-${today()}.csv`,
    );
  }

  @Get('import-template.xlsx')
  @Roles(...READERS, 'partner')
  @ApiOperation({
    summary:
      'Plantilla de importación: the six tables with the machine headers and codes the importer reads',
  })
  @ApiProduces(XLSX)
  importTemplate(
    @Query() filter: ActionFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return file(
      reply,
      this.exports.xlsx(filter, user, null),
      XLSX,
      `coopera-plantilla-importacion-${today()}.xlsx`,
    );
  }

  @Get('iati.xml')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'IATI 2.03 activity file of the actions of the filter' })
  @ApiProduces(XML)
  @ApiUnprocessableEntityResponse({ description: 'IATI_NOTHING_TO_EXPORT' })
  async iatiXml(
    @Query() filter: ActionFilterDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stream = await this.exports.iati(filter, user);
    return file(reply, stream, XML, `coopera-iati-${today()}.xml`);
  }
}

/** One action's files: its IATI activity and its project sheet. */
@ApiTags('exports')
@Controller('v1/actions/:id/export')
@RateLimited('exports')
export class ActionExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly actions: ActionsService,
    private readonly rates: ExchangeRatesService,
    private readonly themes: ThemesService,
  ) {}

  @Get('iati.xml')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'IATI 2.03 activity file of one action' })
  @ApiProduces(XML)
  @ApiNotFoundResponse({ description: 'ACTION_NOT_FOUND (also for actions a partner may not see)' })
  @ApiUnprocessableEntityResponse({
    description: 'IATI_NOTHING_TO_EXPORT (no start date or sector)',
  })
  async actionIati(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.actions.assertVisible(id, user);
    const stream = await this.exports.iati({}, user, id);
    const [{ code }]: { code: string }[] = await this.exports.codeOf(id);
    return file(reply, stream, XML, `${code}-iati.xml`);
  }

  @Get('sheet.pdf')
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Project sheet of one action (PDF, Spanish or English labels)' })
  @ApiProduces(PDF)
  @ApiNotFoundResponse({ description: 'ACTION_NOT_FOUND (also for actions a partner may not see)' })
  async actionSheet(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SheetQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const action = await this.actions.get(id, user);
    const lang = query.lang ?? localeOf(acceptLanguage);
    const stream = await projectSheetStream(action, lang, this.rates, this.themes);
    return file(reply, stream, PDF, `${action.code}-${lang === 'en' ? 'sheet' : 'ficha'}.pdf`);
  }
}
