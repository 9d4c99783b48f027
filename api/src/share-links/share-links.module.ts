import { Module } from '@nestjs/common';
import { ThemesModule } from '../themes/themes.module';
import { ActionsModule } from '../actions/actions.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { ExchangeRatesModule } from '../exchange-rates/exchange-rates.module';
import { ExportsModule } from '../exports/exports.module';
import { SharedActionController, ShareLinksController } from './share-links.controller';
import { ShareLinksService } from './share-links.service';

@Module({
  imports: [ActionsModule, EvidenceModule, ExportsModule, ExchangeRatesModule, ThemesModule],
  controllers: [ShareLinksController, SharedActionController],
  providers: [ShareLinksService],
})
export class ShareLinksModule {}
