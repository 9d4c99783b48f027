import { ApiPropertyOptional } from '@nestjs/swagger';
import { ActionFilterDto } from '../../actions/dto/action-filter.dto';
import { IsIn, IsOptional } from 'class-validator';

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
}
