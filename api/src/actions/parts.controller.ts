import { inTransaction } from '../common/transaction';
import {
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/access.decorator';
import { Actor, CurrentActor } from '../auth/auth-user';
import {
  DocumentInput,
  FundingInput,
  IndicatorInput,
  InstrumentInput,
  MilestoneInput,
  ParticipationInput,
  ResultInput,
  UpdateDocumentDto,
  UpdateFundingDto,
  UpdateIndicatorDto,
  UpdateInstrumentDto,
  UpdateMilestoneDto,
  UpdateParticipationDto,
  UpdateResultDto,
} from './dto/parts.dto';
import { PartKind, PartsWriter } from './parts.writer';
import { requiredVersion } from './version';

export class DeleteQueryDto {
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  version?: number;
}

/** Builds the create/update/delete controller of one kind of action part. */
function partsController(
  kind: Exclude<PartKind, 'indicators'>,
  CreateDto: Type<object>,
  UpdateDto: Type<{ version?: number }>,
): Type<unknown> {
  @ApiTags('action parts')
  @Controller(`v1/actions/:actionId/${kind}`)
  class PartsController {
    constructor(
      readonly dataSource: DataSource,
      readonly parts: PartsWriter,
    ) {}

    @Post()
    @Roles('staff')
    @ApiOperation({ summary: `Add ${kind} to an action` })
    @ApiBody({ type: CreateDto })
    @ApiNotFoundResponse({ description: 'ACTION_NOT_FOUND' })
    @ApiConflictResponse({ description: 'ACTION_ARCHIVED, PARTICIPATION_EXISTS' })
    create(
      @Param('actionId', ParseUUIDPipe) actionId: string,
      @Body() body: object,
      @CurrentActor() actor: Actor,
    ) {
      return inTransaction(this.dataSource, async (m) => {
        await this.parts.lockAction(m, actionId);
        return this.parts.add(m, actor, kind, actionId, body);
      });
    }

    @Patch(':id')
    @Roles('staff')
    @ApiOperation({ summary: `Update one of the action's ${kind} (optimistic concurrency)` })
    @ApiBody({ type: UpdateDto })
    @ApiHeader({ name: 'If-Match', required: false })
    @ApiConflictResponse({ description: 'VERSION_CONFLICT with details.current' })
    update(
      @Param('actionId', ParseUUIDPipe) actionId: string,
      @Param('id', ParseUUIDPipe) id: string,
      @Body() body: Record<string, unknown> & { version?: number },
      @Headers('if-match') ifMatch: string | undefined,
      @CurrentActor() actor: Actor,
    ) {
      const version = requiredVersion(ifMatch, body.version);
      return inTransaction(this.dataSource, async (m) => {
        await this.parts.lockAction(m, actionId);
        return this.parts.update(m, actor, kind, actionId, id, body, version);
      });
    }

    @Delete(':id')
    @Roles('staff')
    @HttpCode(204)
    @ApiOperation({ summary: `Delete one of the action's ${kind} (audited)` })
    async remove(
      @Param('actionId', ParseUUIDPipe) actionId: string,
      @Param('id', ParseUUIDPipe) id: string,
      @Query() query: DeleteQueryDto,
      @CurrentActor() actor: Actor,
    ) {
      await inTransaction(this.dataSource, async (m) => {
        await this.parts.lockAction(m, actionId);
        await this.parts.remove(m, actor, kind, actionId, id, query.version);
      });
    }
  }
  // The body types must be the DTO classes for the global ValidationPipe to validate them.
  Reflect.defineMetadata(
    'design:paramtypes',
    [String, CreateDto, Object],
    PartsController.prototype,
    'create',
  );
  Reflect.defineMetadata(
    'design:paramtypes',
    [String, String, UpdateDto, Object, Object],
    PartsController.prototype,
    'update',
  );
  Object.defineProperty(PartsController, 'name', {
    value: `${kind[0].toUpperCase()}${kind.slice(1)}Controller`,
  });
  return PartsController;
}

export const ParticipationsController = partsController(
  'participations',
  ParticipationInput,
  UpdateParticipationDto,
);
export const InstrumentsController = partsController(
  'instruments',
  InstrumentInput,
  UpdateInstrumentDto,
);
export const FundingController = partsController('funding', FundingInput, UpdateFundingDto);
export const MilestonesController = partsController(
  'milestones',
  MilestoneInput,
  UpdateMilestoneDto,
);
export const ResultsController = partsController('results', ResultInput, UpdateResultDto);
export const DocumentsController = partsController('documents', DocumentInput, UpdateDocumentDto);

@ApiTags('action parts')
@Controller('v1/actions/:actionId')
export class IndicatorsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parts: PartsWriter,
  ) {}

  @Post('results/:resultId/indicators')
  @Roles('staff')
  @ApiOperation({ summary: 'Add an indicator to a result' })
  create(
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('resultId', ParseUUIDPipe) resultId: string,
    @Body() body: IndicatorInput,
    @CurrentActor() actor: Actor,
  ) {
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      return this.parts.addIndicator(m, actor, actionId, resultId, body);
    });
  }

  @Patch('indicators/:id')
  @Roles('staff')
  @ApiHeader({ name: 'If-Match', required: false })
  update(
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateIndicatorDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    const version = requiredVersion(ifMatch, body.version);
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      return this.parts.update(
        m,
        actor,
        'indicators',
        actionId,
        id,
        body as Record<string, unknown>,
        version,
      );
    });
  }

  @Delete('indicators/:id')
  @Roles('staff')
  @HttpCode(204)
  async remove(
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      await this.parts.remove(m, actor, 'indicators', actionId, id, query.version);
    });
  }
}
