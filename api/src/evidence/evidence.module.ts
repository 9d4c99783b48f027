import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import { ActionEvidenceController, EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [ActionsModule],
  controllers: [ActionEvidenceController, EvidenceController],
  providers: [EvidenceService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
