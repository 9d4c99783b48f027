import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { BoardReportService } from './board-report';
import { BoardAgreementsController, BoardSessionsController } from './board.controller';
import { BoardService } from './board.service';

@Module({
  imports: [ProgressModule],
  controllers: [BoardSessionsController, BoardAgreementsController],
  providers: [BoardService, BoardReportService],
})
export class BoardModule {}
