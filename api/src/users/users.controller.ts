import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';
import { Actor, AuthUser, CurrentActor, CurrentUser } from '../auth/auth-user';
import {
  AssignableUserDto,
  CreatedUserDto,
  CreateUserDto,
  UpdateUserDto,
  UserDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List users (admins only)' })
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get('assignable')
  @Roles('staff', 'director')
  @ApiOperation({ summary: 'People who can be responsible for an action (active, not partners)' })
  @ApiOkResponse({ type: [AssignableUserDto] })
  assignable(): Promise<AssignableUserDto[]> {
    return this.users.assignable();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create (invite) a user; without a password a one-time password is returned',
  })
  @ApiCreatedResponse({ type: CreatedUserDto })
  @ApiConflictResponse({ description: 'USER_EMAIL_TAKEN' })
  create(@Body() body: CreateUserDto, @CurrentActor() actor: Actor): Promise<CreatedUserDto> {
    return this.users.create(body, actor);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change name, role, organisation or active flag (not your own role)' })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT or LAST_ADMIN' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() me: AuthUser,
    @CurrentActor() actor: Actor,
  ): Promise<UserDto> {
    return this.users.update(id, body, me, actor);
  }
}
