import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { READERS, Roles } from '../auth/access.decorator';
import { Actor, AuthUser, CurrentActor, CurrentUser } from '../auth/auth-user';
import { CacheAnswer } from '../cache/answer-cache.interceptor';
import { DETAIL_READS, LIST_READS } from './action-reads';
import { ActionsService } from './actions.service';
import { ActionListQueryDto, CreateActionDto, UpdateActionDto } from './dto/action.dto';
import { ActionDetailDto, ActionPageDto, HistoryDto } from './dto/action-response.dto';
import { VersionedDto } from './dto/parts.dto';
import { requiredVersion } from './version';

@ApiTags('actions')
@Controller('v1/actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Get()
  @Roles(...READERS, 'partner')
  @CacheAnswer({ reads: LIST_READS, perUser: (query) => query['responsible'] === 'me' })
  @ApiOperation({
    summary: 'List actions: paged, sorted, filtered; partners see only their organisation’s',
  })
  @ApiOkResponse({ type: ActionPageDto })
  list(@Query() query: ActionListQueryDto, @CurrentUser() user: AuthUser): Promise<ActionPageDto> {
    return this.actions.list(query, user);
  }

  @Get(':id')
  @Roles(...READERS, 'partner')
  @CacheAnswer({ reads: DETAIL_READS, versionInTag: true })
  @ApiOperation({
    summary: 'An action with all its parts (ETag "<version>.<data tag>": send it as If-Match)',
  })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiNotFoundResponse({ description: 'ACTION_NOT_FOUND (also for actions a partner may not see)' })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionDetailDto> {
    const action = await this.actions.get(id, user);
    void reply.header('ETag', `"${action.version}"`);
    return action;
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Audit trail of the action and its parts, newest first' })
  @ApiOkResponse({ type: HistoryDto })
  history(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<HistoryDto> {
    return this.actions.history(id, user);
  }

  @Post()
  @Roles('staff')
  @ApiOperation({ summary: 'Create an action, optionally with its parts, in one transaction' })
  @ApiCreatedResponse({ type: ActionDetailDto })
  @ApiConflictResponse({ description: 'ACTION_CODE_TAKEN' })
  create(
    @Body() body: CreateActionDto,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.actions.create(body, actor, user);
  }

  @Patch(':id')
  @Roles('staff')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version read, e.g. "3" (or send version in the body)',
  })
  @ApiOperation({ summary: 'Update an action (optimistic concurrency)' })
  @ApiOkResponse({ type: ActionDetailDto })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT with details.current, ACTION_ARCHIVED' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateActionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.actions.update(id, body, requiredVersion(ifMatch, body.version), actor, user);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles('staff')
  @ApiOperation({ summary: 'Archive (hide from lists; restorable). Actions are never deleted.' })
  @ApiOkResponse({ type: ActionDetailDto })
  archive(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VersionedDto,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.actions.setArchived(id, true, body.version, actor, user);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: ActionDetailDto })
  restore(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VersionedDto,
    @CurrentActor() actor: Actor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.actions.setArchived(id, false, body.version, actor, user);
  }
}
