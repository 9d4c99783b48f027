import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** `DELETE …?version=n`: the version read; when given, a stale version is refused (409). */
export class DeleteQueryDto {
  @ApiPropertyOptional({
    description: 'The version you read; when given, a stale version is refused',
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  version?: number;
}
