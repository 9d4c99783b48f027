import { inTransaction } from '../common/transaction';
import {
  Body,
  Controller,
  Headers,
  Injectable,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { DeleteQueryDto } from '../common/dto/delete-query.dto';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
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
import { readPartDto } from './part-reads';
import { PART_DTOS, PartDtos } from './parts.mapper';
import { PartKind, PartsWriter } from './parts.writer';
import { requiredVersion } from './version';
import { AuditedDelete, VersionedPatch } from '../common/versioned-routes';

/**
 * The writes of action parts: each runs in one transaction on the locked action, and a creation
 * or update answers the part as the action's detail shows it.
 */
@Injectable()
abstract class PartRoutes {
  constructor(
    readonly dataSource: DataSource,
    readonly parts: PartsWriter,
  ) {}

  protected write<K extends PartKind>(
    actionId: string,
    kind: K,
    write: (m: EntityManager) => Promise<ObjectLiteral>,
  ): Promise<PartDtos[K]> {
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      const saved = await write(m);
      return readPartDto(m, kind, String(saved['id']));
    });
  }

  protected async delete(
    actor: Actor,
    actionId: string,
    kind: PartKind,
    id: string,
    version?: number,
  ) {
    await inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      await this.parts.remove(m, actor, kind, actionId, id, version);
    });
  }
}

/** Builds the create/update/delete controller of one kind of action part. */
function partsController<K extends Exclude<PartKind, 'indicators'>>(
  kind: K,
  CreateDto: Type<object>,
  UpdateDto: Type<{ version?: number }>,
): Type<unknown> {
  const ResponseDto = PART_DTOS[kind];
  @ApiTags('action parts')
  @Controller(`v1/actions/:actionId/${kind}`)
  class PartsController extends PartRoutes {
    @Post()
    @Roles('staff')
    @ApiOperation({ summary: `Add ${kind} to an action` })
    @ApiBody({ type: CreateDto })
    @ApiCreatedResponse({ type: ResponseDto })
    @ApiNotFoundResponse({ description: 'ACTION_NOT_FOUND' })
    @ApiConflictResponse({ description: 'ACTION_ARCHIVED, PARTICIPATION_EXISTS' })
    create(
      @Param('actionId', ParseUUIDPipe) actionId: string,
      @Body() body: object,
      @CurrentActor() actor: Actor,
    ): Promise<PartDtos[K]> {
      return this.write(actionId, kind, (m) => this.parts.add(m, actor, kind, actionId, body));
    }

    @VersionedPatch(':id', ResponseDto)
    @ApiOperation({ summary: `Update one of the action's ${kind} (optimistic concurrency)` })
    @ApiBody({ type: UpdateDto })
    @ApiConflictResponse({ description: 'VERSION_CONFLICT with details.current' })
    update(
      @Param('actionId', ParseUUIDPipe) actionId: string,
      @Param('id', ParseUUIDPipe) id: string,
      @Body() body: Record<string, unknown> & { version?: number },
      @Headers('if-match') ifMatch: string | undefined,
      @CurrentActor() actor: Actor,
    ): Promise<PartDtos[K]> {
      const version = requiredVersion(ifMatch, body.version);
      return this.write(actionId, kind, (m) =>
        this.parts.update(m, actor, kind, actionId, id, body, version),
      );
    }

    @AuditedDelete(':id')
    @ApiOperation({ summary: `Delete one of the action's ${kind} (audited)` })
    async remove(
      @Param('actionId', ParseUUIDPipe) actionId: string,
      @Param('id', ParseUUIDPipe) id: string,
      @Query() query: DeleteQueryDto,
      @CurrentActor() actor: Actor,
    ) {
      await this.delete(actor, actionId, kind, id, query.version);
    }
  }
  return named(withBodyTypes(PartsController, CreateDto, UpdateDto), kind);
}

/** The body types must be the DTO classes for the global ValidationPipe to validate them. */
function withBodyTypes<T extends Type<unknown>>(cls: T, CreateDto: Type, UpdateDto: Type): T {
  Reflect.defineMetadata('design:paramtypes', [String, CreateDto, Object], cls.prototype, 'create');
  Reflect.defineMetadata(
    'design:paramtypes',
    [String, String, UpdateDto, Object, Object],
    cls.prototype,
    'update',
  );
  return cls;
}

/** `participations` → ParticipationsController (as the logs and the OpenAPI document name it). */
function named<T extends Type<unknown>>(cls: T, kind: string): T {
  return Object.defineProperty(cls, 'name', {
    value: `${kind[0].toUpperCase()}${kind.slice(1)}Controller`,
  });
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

/** Indicators are added to a result… */
@ApiTags('action parts')
@Controller('v1/actions/:actionId/results/:resultId/indicators')
export class ResultIndicatorsController extends PartRoutes {
  @Post()
  @Roles('staff')
  @ApiOperation({ summary: 'Add an indicator to a result' })
  @ApiCreatedResponse({ type: PART_DTOS.indicators })
  create(
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('resultId', ParseUUIDPipe) resultId: string,
    @Body() body: IndicatorInput,
    @CurrentActor() actor: Actor,
  ): Promise<PartDtos['indicators']> {
    return this.write(actionId, 'indicators', (m) =>
      this.parts.addIndicator(m, actor, actionId, resultId, body),
    );
  }
}

/** …and changed or deleted on their own. */
@ApiTags('action parts')
@Controller('v1/actions/:actionId/indicators')
export class IndicatorsController extends PartRoutes {
  @VersionedPatch(':id', PART_DTOS.indicators)
  update(
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateIndicatorDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<PartDtos['indicators']> {
    const version = requiredVersion(ifMatch, body.version);
    const changes = body as Record<string, unknown>;
    return this.write(actionId, 'indicators', (m) =>
      this.parts.update(m, actor, 'indicators', actionId, id, changes, version),
    );
  }

  @AuditedDelete(':id')
  async remove(
    @Param('actionId', ParseUUIDPipe) actionId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.delete(actor, actionId, 'indicators', id, query.version);
  }
}
