import type { EventStore } from '@app/event-store';
import { appendAndReadContract } from './contract-append-read';
import { readAllContract } from './contract-read-all';
import { subscriptionContract } from './contract-subscribe';

/** Creates a fresh store for one test; the suite closes it afterwards. */
export type StoreFactory = () => Promise<EventStore> | EventStore;

/**
 * The behaviour every EventStore adapter must show, whatever it runs on. Each test works in its own stream-name
 * prefix, so the suite also runs against a shared, long-lived EventStoreDB server.
 */
export function describeEventStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name}: EventStore contract`, () => {
    const context = { store: undefined as unknown as EventStore };

    beforeEach(async () => {
      context.store = await factory();
    });

    afterEach(async () => {
      await context.store?.close();
    });

    appendAndReadContract(() => context.store);
    readAllContract(() => context.store);
    subscriptionContract(() => context.store);
  });
}
