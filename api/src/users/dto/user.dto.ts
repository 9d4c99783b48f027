import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../../auth/access.decorator';
import { MIN_PASSWORD_LENGTH } from '../../auth/password';

export class CreateUserDto {
  @ApiProperty({ example: 'enlace@giz.de' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Enlace GIZ' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for partners: their organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Omit to get a one-time temporary password in the response' })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password?: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  email: string;
  name: string;
  role: Role;
  @ApiProperty({ format: 'uuid', type: String }) organisationId: string | null;
  organisationName: string | null;
  active: boolean;
  lastSignInAt: string | null;
  version: number;
  createdAt: string;
}

/** A person who can be made responsible for an action (active, not a partner). */
export class AssignableUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
  role: Role;
}

export class CreatedUserDto extends UserDto {
  @ApiPropertyOptional({ description: 'Shown once, only when no password was given' })
  temporaryPassword?: string;
}
