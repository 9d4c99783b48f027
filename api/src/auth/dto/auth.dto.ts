import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../access.decorator';
import { MIN_PASSWORD_LENGTH } from '../password';

export class SignInDto {
  @ApiProperty({ example: 'direccion@coopera.demo' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Coopera-Direccion-2024' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  newPassword: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  email: string;
  name: string;
  role: Role;
  @ApiProperty({ format: 'uuid', type: String }) organisationId: string | null;
  organisationName: string | null;
  @ApiProperty({
    description:
      'The password was set by an admin: change it (POST auth/password) before anything else; ' +
      'other routes answer 403 PASSWORD_CHANGE_REQUIRED',
  })
  mustChangePassword: boolean;
}

export class SessionDto {
  user: MeDto;
  @ApiProperty({ description: 'Send back in the X-XSRF-TOKEN header on every change' })
  csrfToken: string;
  expiresAt: string;
}
