import type { EventStore } from '@app/event-store';
import { anEvent, collect, Collector, sleep, someEvents, uniquePrefix, within } from './helpers';

export function subscriptionContract(store: () => EventStore): void {
  describe('catch-up subscription to the global log', () => {
    it('delivers history, then live events, only from streams with the prefix', async () => {
      const prefix = uniquePrefix();
      const history = someEvents(2);
      await store().appendToStream(`${prefix}case-1`, history, 'no_stream');
      await store().appendToStream(`${prefix}audit`, [anEvent('Audited')], 'no_stream');
      const collector = new Collector(store().subscribeToAll({ from: 'start', streamPrefix: `${prefix}case-` }));
      try {
        await collector.waitFor(2);
        const live = anEvent('PlanAgreed');
        await store().appendToStream(`${prefix}audit`, [anEvent('Audited')], 0);
        await store().appendToStream(`${prefix}case-2`, [live], 'no_stream');
        const events = await collector.waitFor(3);
        expect(events.map((e) => e.eventId)).toEqual([...history, live].map((e) => e.eventId));
        expect(events.map((e) => e.streamId)).toEqual([`${prefix}case-1`, `${prefix}case-1`, `${prefix}case-2`]);
        await sleep(50);
        expect(collector.events).toHaveLength(3); // the audit events never arrive
      } finally {
        await collector.stop();
      }
    });

    it('resumes exactly after the position it is given', async () => {
      const prefix = uniquePrefix();
      const events = someEvents(3);
      await store().appendToStream(`${prefix}case-1`, events, 'no_stream');
      const stored = await collect(store().readAll({ streamPrefix: prefix }));
      const collector = new Collector(store().subscribeToAll({ from: stored[1].position, streamPrefix: prefix }));
      try {
        const later = anEvent();
        await store().appendToStream(`${prefix}case-1`, [later], 2);
        const received = await collector.waitFor(2);
        expect(received.map((e) => e.eventId)).toEqual([events[2].eventId, later.eventId]);
        expect(received[0]).toEqual(stored[2]);
      } finally {
        await collector.stop();
      }
    });

    it('delivers events in log order across streams, multi-event appends included', async () => {
      const prefix = uniquePrefix();
      const collector = new Collector(store().subscribeToAll({ from: 'start', streamPrefix: prefix }));
      try {
        const appended: string[] = [];
        for (let round = 0; round < 3; round += 1) {
          for (const stream of ['a', 'b']) {
            const batch = someEvents(2);
            appended.push(...batch.map((e) => e.eventId));
            await store().appendToStream(`${prefix}${stream}`, batch, round === 0 ? 'no_stream' : round * 2 - 1);
          }
        }
        const received = await collector.waitFor(12);
        expect(received.map((e) => e.eventId)).toEqual(appended);
        received.slice(1).forEach((event, index) => expect(event.position).toBeGreaterThan(received[index].position));
      } finally {
        await collector.stop();
      }
    });

    it('ends the iteration promptly on close(), even while waiting for events', async () => {
      const prefix = uniquePrefix();
      await store().appendToStream(`${prefix}case-1`, [anEvent()], 'no_stream');
      const collector = new Collector(store().subscribeToAll({ from: 'start', streamPrefix: prefix }));
      await collector.waitFor(1);
      const started = Date.now();
      await collector.stop();
      expect(Date.now() - started).toBeLessThan(1000);
      await store().appendToStream(`${prefix}case-1`, [anEvent()], 0);
      await sleep(50);
      expect(collector.events).toHaveLength(1);
    });

    it('ends an iteration that has not started yet, and close() can be called twice', async () => {
      const subscription = store().subscribeToAll({ from: 'start', streamPrefix: uniquePrefix() });
      await subscription.close();
      await subscription.close();
      const iterator = subscription[Symbol.asyncIterator]();
      await expect(within(iterator.next(), 1000, 'next() after close()')).resolves.toMatchObject({ done: true });
    });
  });
}
