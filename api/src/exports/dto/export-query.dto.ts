import { ApiPropertyOptional } from '@nestjs/swagger';
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
