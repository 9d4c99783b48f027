import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsUUID,
  ValidateIf,
} from 'class-validator';
import { MILESTONE_TYPES } from '../../actions/action.model';
import { DIGEST_RUN_STATUSES, DIGEST_TRIGGERS, NOTIFICATION_KINDS } from '../notification.entities';

export class NotificationDto {
  @ApiProperty({ format: 'uuid', description: 'The milestone id (one notification per milestone)' })
  id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: MILESTONE_TYPES }) milestoneType: string;
  milestoneTitle: string;
  @ApiProperty({ example: '2026-11-16', description: 'Planned date (the due date)' })
  dueDate: string;
  @ApiProperty({ description: 'Days since the due date (0 when not overdue)' }) daysLate: number;
  @ApiProperty({ description: 'Days until the due date (0 when overdue or due today)' })
  daysLeft: number;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  actionCode: string;
  actionTitleEs: string;
  actionTitleEn: string | null;
  responsibleName: string | null;
  read: boolean;
}

export class NotificationsDto {
  @ApiProperty({
    type: [NotificationDto],
    description: 'Overdue first (oldest first), then upcoming',
  })
  items: NotificationDto[];
  @ApiProperty({ description: 'Items not read (dismissed ones are not listed)' })
  unreadCount: number;
  overdueCount: number;
  upcomingCount: number;
  @ApiProperty({ description: 'Upcoming = due within this many days', example: 7 })
  windowDays: number;
  @ApiProperty({
    enum: ['responsible', 'portfolio', 'organisation'],
    description:
      'Whose milestones: actions the user is responsible for (staff), the whole portfolio ' +
      '(directors, admins) or the partner organisation’s actions',
  })
  scope: string;
  @ApiProperty({ description: 'Today in the institute’s calendar (Mexico City)' }) today: string;
}

/** Which notifications to mark: the listed ids, or all of them. */
export class MarkNotificationsDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Milestone ids' })
  @ValidateIf((o: MarkNotificationsDto) => o.all !== true)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Every notification currently listed' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class DismissNotificationsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Milestone ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

export class DigestRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-W48', description: 'ISO week (Mexico City)' }) period: string;
  @ApiProperty({ enum: DIGEST_TRIGGERS }) trigger: string;
  @ApiProperty({ enum: DIGEST_RUN_STATUSES }) status: string;
  @ApiProperty({ description: 'People with overdue or upcoming milestones this week' })
  recipients: number;
  @ApiProperty({ description: 'E-mails sent by this run' }) sent: number;
  @ApiProperty({ description: 'Recipients already e-mailed this week (not sent again)' })
  alreadySent: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
}
