import { Controller, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { MultipartFile } from '@fastify/multipart';
import { Inject } from '@nestjs/common';
import { Roles } from '../auth/access.decorator';
import { Actor, AuthedRequest, CurrentActor } from '../auth/auth-user';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImportPlanDto, PortfolioImportQueryDto } from './dto/import-plan.dto';
import { ImportFileKind } from './import-model';
import { ImportsService } from './imports.service';
import { UploadedImportFile } from './read-files';

const MAX_FILES = 10;
const MAX_FIELDS = 10;

const upload = (description: string) =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description } },
    },
  });

/**
 * Imports of the export formats: the XLSX workbook, the CSV tables and IATI 2.03 activity files.
 * Staff and admins only. `dryRun=true` reports per row what would be created, updated or left
 * unchanged (and every error with its location) and writes nothing; a real import is
 * all-or-nothing, idempotent and audited.
 */
@ApiTags('imports')
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async run(
    kind: ImportFileKind,
    request: AuthedRequest,
    query: PortfolioImportQueryDto,
    actor: Actor,
  ): Promise<ImportPlanDto> {
    await this.imports.consumeRate(actor.id ?? request.ip);
    const files = await this.files(request);
    return this.imports.run(kind, files, query.dryRun ?? false, actor, query.atomicity);
  }

  /** Reads the uploaded files, refusing more than IMPORT_MAX_BYTES in all (413). */
  private async files(request: AuthedRequest): Promise<UploadedImportFile[]> {
    const req = request as AuthedRequest & {
      isMultipart(): boolean;
      parts(options: object): AsyncIterableIterator<MultipartFile | { type: 'field' }>;
    };
    if (typeof req.isMultipart !== 'function' || !req.isMultipart())
      throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_NO_FILE', {
        expected: 'multipart/form-data with a "file" part',
      });
    const max = this.config.importMaxBytes;
    const files: UploadedImportFile[] = [];
    let total = 0;
    const tooLarge = () =>
      new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'IMPORT_TOO_LARGE', { limitBytes: max });
    try {
      for await (const part of req.parts({
        limits: {
          fileSize: max,
          files: MAX_FILES,
          fields: MAX_FIELDS,
          parts: MAX_FILES + MAX_FIELDS,
        },
      })) {
        if (part.type !== 'file') continue;
        const data = await (part as MultipartFile).toBuffer();
        total += data.length;
        if (total > max) throw tooLarge();
        files.push({ name: (part as MultipartFile).filename || 'upload', data });
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
        throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_NO_FILE', { maxFiles: MAX_FILES });
      if (code === 'FST_FIELDS_LIMIT')
        throw new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'UPLOAD_TOO_MANY_FIELDS', {
          maxFields: MAX_FIELDS,
        });
      throw error;
    }
    return files;
  }

  @Post('workbook')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({
    summary: 'Import the portfolio workbook (the sheets of GET /exports/portfolio.xlsx)',
  })
  @ApiConsumes('multipart/form-data')
  @upload('XLSX workbook')
  @ApiOkResponse({ type: ImportPlanDto })
  @ApiBadRequestResponse({
    description:
      'IMPORT_INVALID (details: the plan with errors), IMPORT_UNKNOWN_COLUMNS, IMPORT_MISSING_COLUMNS, IMPORT_UNKNOWN_SHEETS, IMPORT_ZIP_BOMB, IMPORT_CORRUPT_FILE, IMPORT_NO_FILE, IMPORT_TOO_MANY_ROWS, IMPORT_TOO_MANY_COLUMNS, IMPORT_CELL_TOO_LONG, IMPORT_READ_TIMEOUT',
  })
  @ApiPayloadTooLargeResponse({
    description:
      'IMPORT_TOO_LARGE (over IMPORT_MAX_BYTES), IMPORT_TOO_LARGE_UNCOMPRESSED, IMPORT_READ_OUT_OF_MEMORY, UPLOAD_TOO_MANY_FIELDS',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'IMPORT_WRONG_FILE_TYPE' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, IMPORT_BUSY (Retry-After)' })
  workbook(
    @Req() request: AuthedRequest,
    @Query() query: PortfolioImportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportPlanDto> {
    return this.run('workbook', request, query, actor);
  }

  @Post('csv')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({
    summary:
      'Import CSV tables of the export (actions.csv, participations.csv…; several files at once)',
  })
  @ApiConsumes('multipart/form-data')
  @upload('One or more CSV files named after their table')
  @ApiOkResponse({ type: ImportPlanDto })
  @ApiBadRequestResponse({
    description:
      'IMPORT_INVALID, IMPORT_UNKNOWN_TABLE, IMPORT_UNKNOWN_COLUMNS, IMPORT_MISSING_COLUMNS, IMPORT_CORRUPT_FILE, IMPORT_NO_FILE, IMPORT_TOO_MANY_ROWS, IMPORT_TOO_MANY_COLUMNS, IMPORT_CELL_TOO_LONG, IMPORT_READ_TIMEOUT',
  })
  @ApiPayloadTooLargeResponse({
    description:
      'IMPORT_TOO_LARGE (over IMPORT_MAX_BYTES), IMPORT_TOO_LARGE_UNCOMPRESSED, IMPORT_READ_OUT_OF_MEMORY, UPLOAD_TOO_MANY_FIELDS',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'IMPORT_WRONG_FILE_TYPE' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, IMPORT_BUSY (Retry-After)' })
  csv(
    @Req() request: AuthedRequest,
    @Query() query: PortfolioImportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportPlanDto> {
    return this.run('csv', request, query, actor);
  }

  @Post('iati')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({ summary: 'Import an IATI 2.03 activity file published by a donor' })
  @ApiConsumes('multipart/form-data')
  @upload('IATI activities XML')
  @ApiOkResponse({ type: ImportPlanDto })
  @ApiBadRequestResponse({
    description:
      'IMPORT_INVALID, IMPORT_XML_DOCTYPE (DOCTYPE/ENTITY refused), IMPORT_CORRUPT_FILE, IMPORT_NO_FILE, IMPORT_TOO_MANY_ROWS, IMPORT_READ_TIMEOUT',
  })
  @ApiPayloadTooLargeResponse({
    description:
      'IMPORT_TOO_LARGE (over IMPORT_MAX_BYTES), IMPORT_TOO_LARGE_UNCOMPRESSED, IMPORT_READ_OUT_OF_MEMORY, UPLOAD_TOO_MANY_FIELDS',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'IMPORT_WRONG_FILE_TYPE' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, IMPORT_BUSY (Retry-After)' })
  iati(
    @Req() request: AuthedRequest,
    @Query() query: PortfolioImportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportPlanDto> {
    return this.run('iati', request, query, actor);
  }
}
