import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';
import { Actor, AuthUser, CurrentActor, CurrentUser } from '../auth/auth-user';
import {
  CreateOrganisationDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Roles('staff', 'director', 'partner')
  @ApiOperation({
    summary: 'Partner directory (partners see the organisations they share actions with)',
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: OrganisationQueryDto, @CurrentUser() user: AuthUser) {
    return this.organisations.list(query, user);
  }

  @Get(':id')
  @Roles('staff', 'director', 'partner')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiNotFoundResponse({ description: 'ORGANISATION_NOT_FOUND' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.organisations.get(id, user);
  }

  @Post()
  @Roles('staff')
  @ApiCreatedResponse({ type: OrganisationDto })
  create(
    @Body() body: CreateOrganisationDto,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.organisations.create(body, actor, user);
  }

  @Patch(':id')
  @Roles('staff')
  @ApiOkResponse({ type: OrganisationDto })
  @ApiConflictResponse({
    description: 'VERSION_CONFLICT (details.current holds the current record)',
  })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganisationDto,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.organisations.update(id, body, actor, user);
  }

  @Delete(':id')
  @Roles('staff')
  @HttpCode(204)
  @ApiConflictResponse({ description: 'ORGANISATION_IN_USE' })
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    await this.organisations.remove(id, actor, user);
  }
}
