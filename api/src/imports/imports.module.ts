import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImportsController } from './imports.controller';
import { ImportRunner } from './import-runner';
import { ImportsService } from './imports.service';

/** Imports arrive as multipart/form-data (registered in app.factory.ts; limits set per request). */
@Module({
  imports: [AuthModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner],
})
export class ImportsModule {}
