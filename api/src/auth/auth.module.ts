import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter.service';
import { SessionsService } from './sessions.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    RateLimiter,
    RateLimitGuard,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [SessionsService, RateLimiter, RateLimitGuard],
})
export class AuthModule {}
