import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { DuringPasswordChange, Public, SignedIn } from './access.decorator';
import { actorOf, AuthedRequest, AuthUser, CurrentUser } from './auth-user';
import { AuthService } from './auth.service';
import { clearSessionCookies, sessionTokenOf, setSessionCookies } from './cookies';
import { ChangePasswordDto, MeDto, SessionDto, SignInDto } from './dto/auth.dto';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly dataSource: DataSource,
  ) {}

  private async me(user: AuthUser): Promise<MeDto> {
    const rows: { name: string }[] = user.organisationId
      ? await this.dataSource.query(
          `SELECT coalesce(acronym, name) AS name FROM organisations WHERE id = $1`,
          [user.organisationId],
        )
      : [];
    return { ...user, organisationName: rows[0]?.name ?? null };
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with e-mail and password; sets the session and XSRF cookies (and ends the session the cookie held)',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({
    description: 'INVALID_CREDENTIALS (same for unknown e-mail and wrong password)',
  })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' })
  async signIn(
    @Body() body: SignInDto,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const session = await this.auth.signIn(
      body.email,
      body.password,
      request.ip ?? null,
      request.headers['user-agent'] ?? null,
    );
    // The session this browser held (anyone's) ends: one browser, one session.
    const previous = sessionTokenOf(request);
    if (previous) await this.sessions.destroy(previous);
    setSessionCookies(request, reply, session.token, session.csrfToken, session.expiresAt);
    return {
      user: await this.me(session.user),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  @Post('sign-out')
  @SignedIn()
  @DuringPasswordChange()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  async signOut(@Req() request: AuthedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (request.sessionToken) await this.sessions.destroy(request.sessionToken);
    clearSessionCookies(reply);
  }

  @Get('me')
  @SignedIn()
  @DuringPasswordChange()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  getMe(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.me(user);
  }

  @Post('password')
  @SignedIn()
  @DuringPasswordChange()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password (signs out your other sessions)' })
  async changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentUser() user: AuthUser,
    @Req() request: AuthedRequest,
  ) {
    await this.auth.changePassword(
      user,
      actorOf(request),
      body.currentPassword,
      body.newPassword,
      request.sessionToken,
    );
  }
}
