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
import { CacheAnswer } from '../cache/answer-cache.interceptor';
import { LIST_READS } from '../actions/action-reads';
import {
  CreateOrganisationDto,
  OrganisationDetailDto,
  OrganisationDto,
  OrganisationPageDto,
  OrganisationQueryDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';
import { ActionsService } from '../actions/actions.service';

@ApiTags('organisations')
@Controller('v1/organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly actions: ActionsService,
  ) {}

  @Get()
  @Roles('staff', 'director', 'partner')
  @CacheAnswer({ reads: ['organisations', 'participations', 'actions', 'funding'] })
  @ApiOperation({
    summary: 'Partner directory (partners see the organisations they share actions with)',
  })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: OrganisationQueryDto, @CurrentUser() user: AuthUser) {
    return this.organisations.list(query, user);
  }

  @Get(':id')
  @Roles('staff', 'director', 'partner')
  // The organisation with its money, and a page of the action list.
  @CacheAnswer({ reads: [...LIST_READS, 'funding'] })
  @ApiOperation({
    summary: 'An organisation with the actions it takes part in (scoped like the list)',
  })
  @ApiOkResponse({ type: OrganisationDetailDto })
  @ApiNotFoundResponse({ description: 'ORGANISATION_NOT_FOUND' })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<OrganisationDetailDto> {
    const organisation = await this.organisations.get(id, user);
    const actions = await this.actions.list({ partner: [id], pageSize: 100, sort: 'code' }, user);
    return { ...organisation, actions: actions.items };
  }

  @Post()
  @Roles('staff')
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiConflictResponse({
    description:
      'ORGANISATION_DUPLICATE: same IATI reference, or same name ignoring case and accents (details.existing)',
  })
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
    description:
      'VERSION_CONFLICT (details.current holds the current record); ORGANISATION_DUPLICATE (details.existing)',
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
