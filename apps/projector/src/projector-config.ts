import type { EventStore } from '@app/event-store';
import { openReadModelDatabase, type ReadModelDatabase } from '@app/read-models';
import type { AppConfig } from '../../api/src/config/app-config';
import { createEventStore } from '../../api/src/event-store/event-store.module';

export interface OpenedStores {
  store: EventStore;
  database: ReadModelDatabase;
  close(): Promise<void>;
}

/**
 * The event store and the (migrated) read-model database of the api's own configuration (DATA_DIR,
 * EVENT_STORE, EVENTSTORE_CONNECTION_STRING, READ_MODEL_DATABASE_URL), opened through the api's own functions,
 * so that the api, apps/projector and the rebuild can never disagree on where the log and the read models are.
 */
export async function openStores(config: AppConfig, onPoolError?: (error: Error) => void): Promise<OpenedStores> {
  const store = createEventStore(config);
  let database: ReadModelDatabase;
  try {
    database = await openReadModelDatabase({ dataDir: config.dataDir, url: config.readModels.databaseUrl, onPoolError });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    database,
    close: async () => {
      await database.close();
      await store.close();
    },
  };
}
