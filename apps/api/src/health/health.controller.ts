import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from '../auth/roles.decorator';
import { ReadModels } from '../read-models/read-models.service';

/** Liveness (the process answers) and readiness (the event store answers); 503 when not ready. */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and event-store readiness' })
  check() {
    return this.health.check([() => this.liveness(), () => this.eventStoreReadiness(), () => this.readModelsReadiness()]);
  }

  private liveness() {
    return this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) });
  }

  /** Up with its lag while the projections run; down when the in-process runner failed or the database fails. */
  private async readModelsReadiness() {
    const indicator = this.indicators.check('readModels');
    try {
      const status = await this.readModels.status();
      return status.runner === 'failed' ? indicator.down(status) : indicator.up(status);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }

  private async eventStoreReadiness() {
    const indicator = this.indicators.check('eventStore');
    try {
      await this.store.ping();
      return indicator.up({ adapter: this.config.eventStore });
    } catch (error) {
      return indicator.down({ adapter: this.config.eventStore, message: (error as Error).message });
    }
  }
}
