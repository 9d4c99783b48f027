import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { BoardReportService } from './board-report';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';

@Module({
  imports: [ProgressModule],
  controllers: [BoardController],
  providers: [BoardService, BoardReportService],
})
export class BoardModule {}
