import { Module } from '@nestjs/common';
import { ThemesModule } from '../themes/themes.module';
import { ActionsModule } from '../actions/actions.module';
import { DashboardModule } from '../dashboard/dashboard.module';
import { ExchangeRatesModule } from '../exchange-rates/exchange-rates.module';
import { ActionExportsController, ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [ActionsModule, DashboardModule, ExchangeRatesModule, ThemesModule],
  controllers: [ExportsController, ActionExportsController],
  providers: [ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
