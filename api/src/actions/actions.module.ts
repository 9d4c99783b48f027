import { Module } from '@nestjs/common';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import {
  DocumentsController,
  FundingController,
  IndicatorsController,
  ResultIndicatorsController,
  InstrumentsController,
  MilestonesController,
  ParticipationsController,
  ResultsController,
} from './parts.controller';
import { PartsWriter } from './parts.writer';
import { ThemesModule } from '../themes/themes.module';

@Module({
  imports: [ThemesModule],
  controllers: [
    ActionsController,
    ParticipationsController,
    InstrumentsController,
    FundingController,
    MilestonesController,
    ResultsController,
    ResultIndicatorsController,
    IndicatorsController,
    DocumentsController,
  ],
  providers: [ActionsService, PartsWriter],
  exports: [ActionsService, PartsWriter],
})
export class ActionsModule {}
