import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CreateShareLinkDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'Days until it expires',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;

  @ApiPropertyOptional({ example: 'Informe para la Embajada Británica' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class ShareLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  label: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  useCount: number;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) state: 'active' | 'expired' | 'revoked';
}

export class CreatedShareLinkDto extends ShareLinkDto {
  @ApiProperty({ description: 'Shown once: the secret part of the link' }) token: string;
  @ApiProperty({
    example: '/api/v1/shared/abc…',
    description: 'Partner view (JSON); add /sheet.pdf or /iati.xml',
  })
  path: string;
}
