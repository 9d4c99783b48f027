import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;

export class ThemeDto {
  @ApiProperty({
    example: 'cambio-climatico',
    description: 'What actions reference (never renamed)',
  })
  code: string;
  @ApiProperty({ example: 'Cambio climático' }) labelEs: string;
  @ApiProperty({ example: 'Climate change' }) labelEn: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ description: 'Actions (archived included) that carry the theme' })
  actionCount: number;
}

export class CreateThemeDto {
  @ApiProperty({ example: 'Economía circular' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  labelEs: string;

  @ApiProperty({ example: 'Circular economy' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  labelEn: string;

  @ApiPropertyOptional({
    example: 'economia-circular',
    description: 'Lowercase words joined by hyphens; made from labelEs when left out',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  code?: string;
}

export class UpdateThemeDto {
  @ApiPropertyOptional({ example: 'Cambio climático' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  labelEs?: string;

  @ApiPropertyOptional({ example: 'Climate change' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  labelEn?: string;

  @ApiProperty({ description: 'The version you read; a stale one gets 409 VERSION_CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;
}
