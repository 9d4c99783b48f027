import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ActionFilterDto } from '../actions/dto/action-filter.dto';
import { DeleteQueryDto } from '../common/dto/delete-query.dto';
import { requiredVersion } from '../actions/version';
import { READERS, Roles } from '../auth/access.decorator';
import { Actor, AuthUser, CurrentActor, CurrentUser } from '../auth/auth-user';
import { localeOf } from '../common/errors';
import { FromTemplateDto, ProgressSchemeDto, StageInput, UpdateStageDto } from './progress.dto';
import {
  ActionStageDto,
  ProgressDistributionDto,
  ProgressFigureDto,
  TemplateOutcomeDto,
} from './progress-response.dto';
import { toActionStageDto, toMilestoneRecordDto } from './progress.mapper';
import { AuditedDelete, VersionedPatch } from '../common/versioned-routes';
import { ProgressService } from './progress.service';

/**
 * Progress scoring. Rule: stages count in order (planning → programming → budgeting →
 * execution → evaluation); an action's progress is the cumulative weight of the consecutive
 * stages reached from the first, and its label/colour the highest level whose minimum it
 * reaches. Computed in SQL from the current settings on every read.
 */
@ApiTags('progress')
@Controller('v1/settings/progress')
export class ProgressSettingsController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Progress scheme: stage weights and levels (label es/en, colour)' })
  @ApiOkResponse({ type: ProgressSchemeDto })
  scheme(): Promise<ProgressSchemeDto> {
    return this.progress.scheme();
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the progress scheme (weights sum 100, levels ascending)' })
  @ApiOkResponse({ type: ProgressSchemeDto, description: 'The scheme saved' })
  saveScheme(
    @Body() body: ProgressSchemeDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProgressSchemeDto> {
    return this.progress.saveScheme(actor, body);
  }
}

/** An action's progress figure. */
@ApiTags('progress')
@Controller('v1/actions/:id/progress')
export class ActionProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Progress of one action: percent, label and colour' })
  @ApiOkResponse({ type: ProgressFigureDto })
  actionProgress(
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('accept-language') lang: string | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<ProgressFigureDto> {
    return this.progress.progress(id, user, localeOf(lang));
  }
}

/** The stages an action reached, with their evidence. */
@ApiTags('progress')
@Controller('v1/actions/:id/stages')
export class StagesController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Stages reached by an action, with evidence' })
  @ApiOkResponse({ type: [ActionStageDto] })
  async stages(@Param('id', ParseUUIDPipe) id: string): Promise<ActionStageDto[]> {
    return (await this.progress.stages(id)).map(toActionStageDto);
  }

  @Post()
  @Roles('staff')
  @ApiCreatedResponse({ type: ActionStageDto })
  @ApiConflictResponse({ description: 'STAGE_EXISTS, ACTION_ARCHIVED' })
  addStage(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StageInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActionStageDto> {
    return this.progress.addStage(actor, id, body).then(toActionStageDto);
  }

  @VersionedPatch(':stageId', ActionStageDto)
  @ApiConflictResponse({ description: 'VERSION_CONFLICT with details.current, STAGE_EXISTS' })
  updateStage(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('stageId', ParseUUIDPipe) stageId: string,
    @Body() body: UpdateStageDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ActionStageDto> {
    const version = requiredVersion(ifMatch, body.version);
    const { version: _v, ...changes } = body;
    return this.progress.updateStage(actor, id, stageId, changes, version).then(toActionStageDto);
  }

  @AuditedDelete(':stageId')
  async removeStage(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('stageId', ParseUUIDPipe) stageId: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.progress.removeStage(actor, id, stageId, query.version);
  }
}

/** The lifecycle milestones of the action's kind, planned in one go. */
@ApiTags('progress')
@Controller('v1/actions/:id/milestones/from-template')
export class MilestoneTemplateController {
  constructor(private readonly progress: ProgressService) {}

  @Post()
  @Roles('staff')
  @ApiOperation({
    summary: "Plan the lifecycle milestones of the action's kind (types present are skipped)",
  })
  @ApiCreatedResponse({ type: TemplateOutcomeDto })
  async fromTemplate(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FromTemplateDto,
    @CurrentActor() actor: Actor,
  ): Promise<TemplateOutcomeDto> {
    const { created, skipped } = await this.progress.fromTemplate(actor, id, body.startDate);
    return { created: created.map(toMilestoneRecordDto), skipped };
  }
}

/** Actions per progress level, with the list filters (a dashboard figure). */
@ApiTags('progress')
@Controller('v1/dashboard/progress-distribution')
export class ProgressDistributionController {
  constructor(private readonly progress: ProgressService) {}

  @Get()
  @Roles(...READERS, 'partner')
  @ApiOperation({ summary: 'Actions per progress level, with the list filters' })
  @ApiOkResponse({ type: ProgressDistributionDto })
  distribution(
    @Query() query: ActionFilterDto,
    @Headers('accept-language') lang: string | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<ProgressDistributionDto> {
    return this.progress.distribution(query, user, localeOf(lang));
  }
}
