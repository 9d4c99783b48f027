import { Transform } from 'class-transformer';
import { PartnerTotalsDto } from '../../dashboard/dto/dashboard.dto';
import { REPORTING_CURRENCIES, type ReportingCurrency } from '../../common/money';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { ActionSummaryDto } from '../../actions/dto/action-response.dto';
import { ORGANISATION_TYPES, type OrganisationType } from '../organisation.entity';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Deutsche Gesellschaft für Internationale Zusammenarbeit' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'GIZ' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  acronym?: string | null;

  @ApiProperty({ enum: ORGANISATION_TYPES, example: 'bilateral_agency' })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;

  @ApiPropertyOptional({ example: 'XM-DAC-41121', description: 'IATI organisation identifier' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Za-z0-9-]+$/)
  @MaxLength(100)
  iatiRef?: string | null;

  @ApiPropertyOptional({ example: 'https://www.giz.de' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string | null;

  @ApiPropertyOptional({ description: 'Internal notes (never shown to partners)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

export class VersionDto {
  @ApiProperty({
    description: 'The version you read; a stale one gets 409 VERSION_CONFLICT',
    example: 1,
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class UpdateOrganisationDto extends IntersectionType(
  PartialType(CreateOrganisationDto),
  VersionDto,
) {}

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Accent-insensitive search in name and acronym' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({
    enum: REPORTING_CURRENCIES,
    description: "With it, each organisation carries its two money figures' totals (`money`)",
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsIn(REPORTING_CURRENCIES)
  currency?: ReportingCurrency;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  slug: string;
  name: string;
  acronym: string | null;
  type: OrganisationType;
  country: string | null;
  iatiRef: string | null;
  website: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Absent for partners' })
  notes?: string | null;
  @ApiProperty({ description: 'Actions it takes part in (visible to you)' }) actionCount: number;
  version: number;
  @ApiPropertyOptional({
    type: PartnerTotalsDto,
    description:
      'List with `currency` only: aportado por el socio and en acciones donde participa (visible to you)',
  })
  money?: PartnerTotalsDto;
}

export class OrganisationPageDto {
  items: OrganisationDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class OrganisationDetailDto extends OrganisationDto {
  @ApiProperty({
    type: [ActionSummaryDto],
    description: 'Actions it takes part in (visible to you, up to 100)',
  })
  actions: ActionSummaryDto[];
}
