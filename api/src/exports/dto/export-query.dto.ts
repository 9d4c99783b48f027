import { ApiPropertyOptional } from '@nestjs/swagger';
import { ActionFilterDto } from '../../actions/dto/action-filter.dto';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { REPORTING_CURRENCIES, type ReportingCurrency } from '../../common/money';

export class SheetQueryDto {
  @ApiPropertyOptional({
    enum: ['es', 'en'],
    description: 'Label language (default: from Accept-Language, else es)',
  })
  @IsOptional()
  @IsIn(['es', 'en'])
  lang?: 'es' | 'en';
}

/** The action list's filter plus the language of the people's version of a table export. */
export class ExportFilterDto extends ActionFilterDto {
  @ApiPropertyOptional({
    enum: ['es', 'en'],
    description:
      'Labelled headers, sheet names and values in this language (the web app sends its own). Without it: the machine headers and codes of the import template',
  })
  @IsOptional()
  @IsIn(['es', 'en'])
  lang?: 'es' | 'en';

  @ApiPropertyOptional({
    enum: REPORTING_CURRENCIES,
    default: 'MXN',
    description: 'The currency of the partner money table (its CSV and the workbook sheet)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsIn(REPORTING_CURRENCIES)
  currency?: ReportingCurrency;
}
