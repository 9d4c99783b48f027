import { Module } from '@nestjs/common';
import { ThemesModule } from '../themes/themes.module';
import { ActionsModule } from '../actions/actions.module';
import { DashboardModule } from '../dashboard/dashboard.module';
import { ExchangeRatesModule } from '../exchange-rates/exchange-rates.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({
  imports: [ActionsModule, DashboardModule, ExchangeRatesModule, ThemesModule],
  controllers: [ExportsController],
  providers: [ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
