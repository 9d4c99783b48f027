import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, SignedIn } from '../auth/access.decorator';
import { Actor, AuthUser, CurrentActor, CurrentUser } from '../auth/auth-user';
import { DigestService } from './digest.service';
import {
  DigestRunDto,
  DismissNotificationsDto,
  MarkNotificationsDto,
  NotificationsDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly digest: DigestService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary:
      'Overdue milestones and those due in the next 7 days: staff for the actions they are responsible for, ' +
      'directors and admins for the portfolio, partners for their organisation’s actions',
  })
  @ApiOkResponse({ type: NotificationsDto })
  list(@CurrentUser() user: AuthUser): Promise<NotificationsDto> {
    return this.notifications.list(user);
  }

  @Post('read')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({ summary: 'Mark notifications read (ids, or all: true) for the signed-in user' })
  @ApiOkResponse({ type: NotificationsDto })
  @ApiNotFoundResponse({ description: 'NOTIFICATION_NOT_FOUND (details.ids); nothing changes' })
  read(
    @Body() body: MarkNotificationsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<NotificationsDto> {
    return this.notifications.markRead(user, body.ids, body.all === true);
  }

  @Post('dismiss')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Dismiss notifications for the signed-in user (back when overdue or rescheduled)',
  })
  @ApiOkResponse({ type: NotificationsDto })
  @ApiNotFoundResponse({ description: 'NOTIFICATION_NOT_FOUND (details.ids); nothing changes' })
  dismiss(
    @Body() body: DismissNotificationsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<NotificationsDto> {
    return this.notifications.dismiss(user, body.ids);
  }

  @Post('digest')
  @HttpCode(200)
  @Roles()
  @ApiOperation({
    summary:
      'Run the weekly digest now (admins): e-mails the people not yet e-mailed this week; audited',
  })
  @ApiOkResponse({ type: DigestRunDto })
  @ApiConflictResponse({ description: 'MAIL_NOT_CONFIGURED (SMTP_URL is not set)' })
  runDigest(@CurrentActor() actor: Actor): Promise<DigestRunDto> {
    return this.digest.runManually(actor);
  }
}
