import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @Public({ session: false })
  @ApiOperation({
    summary:
      'Liveness: the process is up and serving HTTP (never reads the database or the session)',
  })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers (503 while it does not)' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: Math.min(this.config.dbTimeoutMs, 3000) }),
    ]);
  }
}
