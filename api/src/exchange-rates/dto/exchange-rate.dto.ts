import { DeleteQueryDto } from '../../common/dto/delete-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/pagination.dto';
import { IsDateOnly, IsMoney } from '../../common/validators';
import { isRateString } from '../../common/money';

const CODE = /^[A-Z]{3}$/;
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A rate to MXN: positive decimal string with up to 6 decimals ("17.158300"). */
export function IsRate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalValue',
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => isRateString(value) },
    });
}

export class ExchangeRateListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @Transform(upper)
  @Matches(CODE)
  currency?: string;

  @ApiPropertyOptional({ example: '2019-01-01', description: 'From this date (inclusive)' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2019-12-31', description: 'Up to this date (inclusive)' })
  @IsOptional()
  @IsDateOnly()
  to?: string;
}

export class CreateExchangeRateDto {
  @ApiProperty({ example: '2019-01-14' })
  @IsDateOnly()
  rateDate: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217, not MXN (MXN is the base: 1)' })
  @Transform(upper)
  @Matches(CODE)
  currency: string;

  @ApiProperty({ example: '19.163500', description: 'MXN per unit of currency' })
  @IsRate()
  rateToMxn: string;

  @ApiPropertyOptional({ example: 'Banxico FIX' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;
}

export class UpdateExchangeRateDto {
  @ApiProperty({ description: 'The version you read (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: '19.163500' })
  @IsOptional()
  @IsRate()
  rateToMxn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string | null;
}

/** `DELETE exchange-rates/:id?version=n`. */
export class DeleteExchangeRateQueryDto extends DeleteQueryDto {}

export class ImportQueryDto {
  @ApiProperty({ example: 'USD' })
  @Transform(upper)
  @Matches(CODE)
  currency: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ default: 'Banxico FIX' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;
}

export class ConvertQueryDto {
  @ApiProperty({ example: '1000.00' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: 'USD' })
  @Transform(upper)
  @Matches(CODE)
  from: string;

  @ApiProperty({ example: 'MXN' })
  @Transform(upper)
  @Matches(CODE)
  to: string;

  @ApiProperty({ example: '2021-04-27', description: 'Value date of the amount' })
  @IsDateOnly()
  date: string;
}

export class ExchangeRateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2019-01-14' }) rateDate: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '19.163500' }) rateToMxn: string;
  source: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export class ExchangeRatePageDto {
  items: ExchangeRateDto[];
  total: number;
  page: number;
  pageSize: number;
}

export class ImportLineErrorDto {
  @ApiProperty({ description: '1-based line number in the file' }) line: number;
  @ApiProperty({ example: 'invalid_rate' }) code: string;
  message: string;
  text: string;
}

export class ImportChangeDto {
  line: number;
  rateDate: string;
  rateToMxn: string;
  @ApiProperty({ type: String, description: 'The stored rate it replaces' })
  previous: string | null;
}

export class ImportReportDto {
  currency: string;
  dryRun: boolean;
  @ApiProperty({
    description: 'True when the rates were written (never on a dry run or with errors)',
  })
  applied: boolean;
  lines: number;
  @ApiProperty({ description: 'Rates that would be / were created' }) created: number;
  @ApiProperty({ description: 'Rates whose stored value would / did change' }) changed: number;
  unchanged: number;
  @ApiProperty({ description: 'Lines without a value ("N/E")' }) skipped: number;
  @ApiProperty({ type: [ImportChangeDto], description: 'The creations and changes (first 500)' })
  changes: ImportChangeDto[];
  errors: ImportLineErrorDto[];
}

export class ConversionDto {
  @ApiProperty({ example: '1000.00' }) amount: string;
  @ApiProperty({ example: 'USD' }) from: string;
  @ApiProperty({ example: 'MXN' }) to: string;
  @ApiProperty({ example: '2021-04-27' }) date: string;
  @ApiProperty({ example: '20063.00' }) converted: string;
  @ApiProperty({
    description: 'Rates used (MXN per unit), with their dates',
    type: 'array',
    items: { type: 'object' },
  })
  rates: { currency: string; rateDate: string; rateToMxn: string }[];
}
