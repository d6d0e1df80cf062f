import { join } from 'node:path';
import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EsdbEventStore, type EventStore, SqliteEventStore } from '@app/event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export function createEventStore(config: AppConfig): EventStore {
  return config.eventStore === 'esdb'
    ? new EsdbEventStore(config.eventStoreConnectionString as string)
    : new SqliteEventStore(join(config.dataDir, 'events.sqlite'));
}

/** Provides the configured event-store adapter under EVENT_STORE and closes it on shutdown. */
@Global()
@Module({
  providers: [{ provide: EVENT_STORE, useFactory: createEventStore, inject: [APP_CONFIG] }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.store.close();
    new Logger('EventStore').log(`event store closed${signal ? ` on ${signal}` : ''}`);
  }
}
