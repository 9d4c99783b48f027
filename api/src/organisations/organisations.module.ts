import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module';
import { DashboardModule } from '../dashboard/dashboard.module';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [ActionsModule, DashboardModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
