import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';
import { Actor, CurrentActor } from '../auth/auth-user';
import {
  ConversionDto,
  ConvertQueryDto,
  CreateExchangeRateDto,
  DeleteExchangeRateQueryDto,
  ExchangeRateDto,
  ExchangeRateListQueryDto,
  ExchangeRatePageDto,
  ImportQueryDto,
  ImportReportDto,
  UpdateExchangeRateDto,
} from './dto/exchange-rate.dto';
import { ExchangeRatesService } from './exchange-rates.service';

@ApiTags('exchange-rates')
@Controller('v1/exchange-rates')
export class ExchangeRatesController {
  constructor(private readonly rates: ExchangeRatesService) {}

  @Get()
  @Roles('staff', 'director')
  @ApiOperation({ summary: 'List exchange rates (MXN per unit), newest first' })
  @ApiOkResponse({ type: ExchangeRatePageDto })
  list(@Query() query: ExchangeRateListQueryDto): Promise<ExchangeRatePageDto> {
    return this.rates.list(query);
  }

  @Get('convert')
  @Roles('staff', 'director')
  @ApiOperation({
    summary: 'Convert an amount with the rate of its date or the latest earlier one (through MXN)',
  })
  @ApiOkResponse({ type: ConversionDto })
  convert(@Query() query: ConvertQueryDto): Promise<ConversionDto> {
    return this.rates.convert(query);
  }

  @Post('import')
  @HttpCode(200)
  @Roles()
  @ApiOperation({
    summary:
      'Import Banxico FIX rates from CSV ("dd/mm/yyyy,rate" or "yyyy-mm-dd,rate"; N/E skipped)',
    description:
      'dryRun=true reports what would change. A real import is all-or-nothing and idempotent.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'Fecha,SF43718\n14/01/2019,19.1635\n15/01/2019,N/E\n' },
  })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiBadRequestResponse({
    description: 'IMPORT_INVALID (details.errors with line numbers), nothing written',
  })
  import(
    @Body() csv: string,
    @Query() query: ImportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<ImportReportDto> {
    return this.rates.import(csv, query, actor);
  }

  @Get(':id')
  @Roles('staff', 'director')
  @ApiOkResponse({ type: ExchangeRateDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ExchangeRateDto> {
    return this.rates.get(id);
  }

  @Post()
  @Roles()
  @ApiCreatedResponse({ type: ExchangeRateDto })
  @ApiConflictResponse({ description: 'CONFLICT: a rate for that date and currency exists' })
  create(
    @Body() body: CreateExchangeRateDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExchangeRateDto> {
    return this.rates.create(body, actor);
  }

  @Patch(':id')
  @Roles()
  @ApiOkResponse({ type: ExchangeRateDto })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT (details.current holds the stored rate)' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateExchangeRateDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExchangeRateDto> {
    return this.rates.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles()
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'VERSION_CONFLICT' })
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteExchangeRateQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    return this.rates.remove(id, query.version, actor);
  }
}
