import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DigestService } from './digest.service';
import { MailerService } from './mailer.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [AuditModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, DigestService, MailerService],
  exports: [DigestService, NotificationsService],
})
export class NotificationsModule {}
