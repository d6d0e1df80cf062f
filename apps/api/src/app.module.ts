import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { Clock, SystemClock } from './config/clock';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { loggerOptions } from './logging/logger-options';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { ReadModelsModule } from './read-models/read-models.module';
import { KpiModule } from './kpi/kpi.module';
import { AuditModule } from './audit/audit.module';
import { PersonsModule } from './persons/persons.module';

/** Configuration and clock, available everywhere; tests pass their own. */
@Global()
@Module({})
class CoreModule {
  static with(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

@Module({})
export class AppModule {
  static with(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.with(config, clock),
        LoggerModule.forRoot(loggerOptions(config)),
        TerminusModule,
        EventStoreModule,
        AuthModule,
        ReadModelsModule,
        CasesModule,
        KpiModule,
        AuditModule,
        PersonsModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
