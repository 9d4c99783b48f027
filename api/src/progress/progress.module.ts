import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import {
  ActionProgressController,
  MilestoneTemplateController,
  ProgressDistributionController,
  StagesController,
  ProgressSettingsController,
} from './progress.controller';
import { ProgressService } from './progress.service';

@Module({
  imports: [ActionsModule],
  controllers: [
    ProgressSettingsController,
    ActionProgressController,
    StagesController,
    MilestoneTemplateController,
    ProgressDistributionController,
  ],
  providers: [ProgressService],
  exports: [ProgressService],
})
export class ProgressModule {}
