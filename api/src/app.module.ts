import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, APP_CONFIG, DATABASE_URL } from './config/app-config';
import { dataSourceOptions } from './db/data-source';
import { PreparedStatements } from './db/prepared-statements';
import { HealthModule } from './health/health.module';
import { loggerOptions } from './common/logger';
import { SeedModule } from './seed/seed.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';
import { ExchangeRatesModule } from './exchange-rates/exchange-rates.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ActionsModule } from './actions/actions.module';
import { ShareLinksModule } from './share-links/share-links.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ExportsModule } from './exports/exports.module';
import { ProgressModule } from './progress/progress.module';
import { BoardModule } from './board/board.module';
import { NotificationsModule } from './notifications/notifications.module';
import { JobsModule } from './jobs/jobs.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ImportsModule } from './imports/imports.module';
import { AnswerCacheModule } from './cache/cache.module';
import { ThemesModule } from './themes/themes.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config, databaseUrl),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: databaseUrl,
            poolSize: config.dbPoolSize,
            parallelWorkers: config.dbParallelWorkers,
            timeoutMs: config.dbTimeoutMs,
            statementTimeoutMs: config.dbStatementTimeoutMs,
            lockTimeoutMs: config.dbLockTimeoutMs,
          }),
          migrationsRun: false,
          retryAttempts: 5,
          retryDelay: 1000,
        }),
        AnswerCacheModule,
        AuditModule,
        AuthModule,
        HealthModule,
        UsersModule,
        OrganisationsModule,
        ThemesModule,
        ActionsModule,
        ShareLinksModule,
        SeedModule,
        ExchangeRatesModule,
        DashboardModule,
        ExportsModule,
        ProgressModule,
        BoardModule,
        NotificationsModule,
        JobsModule,
        EvidenceModule,
        ImportsModule,
      ],
      providers: [PreparedStatements],
    };
  }
}
