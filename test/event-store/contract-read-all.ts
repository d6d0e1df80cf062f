import type { EventStore } from '@app/event-store';
import { anEvent, collect, someEvents, uniquePrefix } from './helpers';

/** Appends to three streams interleaved: case-a, case-b, audit, case-a, case-b; returns the prefix used. */
async function interleaved(store: EventStore): Promise<{ prefix: string; ids: string[] }> {
  const prefix = uniquePrefix();
  const writes: Array<[string, number | 'no_stream']> = [
    [`${prefix}case-a`, 'no_stream'],
    [`${prefix}case-b`, 'no_stream'],
    [`${prefix}audit`, 'no_stream'],
    [`${prefix}case-a`, 0],
    [`${prefix}case-b`, 0],
  ];
  const ids: string[] = [];
  for (const [streamId, expected] of writes) {
    const event = anEvent('StepRecorded', { streamId });
    ids.push(event.eventId);
    await store.appendToStream(streamId, [event], expected);
  }
  return { prefix, ids };
}

export function readAllContract(store: () => EventStore): void {
  describe('reading the global log', () => {
    it('returns events across streams in global order with strictly increasing positions', async () => {
      const { prefix, ids } = await interleaved(store());
      const events = await collect(store().readAll({ streamPrefix: prefix }));
      expect(events.map((e) => e.eventId)).toEqual(ids);
      expect(events.map((e) => `${e.streamId.slice(prefix.length)}@${e.revision}`)).toEqual([
        'case-a@0', 'case-b@0', 'audit@0', 'case-a@1', 'case-b@1',
      ]);
      events.slice(1).forEach((event, index) => expect(event.position).toBeGreaterThan(events[index].position));
    });

    it('gives an event the same position in readAll and readStream', async () => {
      const { prefix } = await interleaved(store());
      const fromLog = await collect(store().readAll({ streamPrefix: `${prefix}case-a` }));
      const fromStream = await store().readStream(`${prefix}case-a`);
      expect(fromStream.map((e) => e.position)).toEqual(fromLog.map((e) => e.position));
    });

    it('starts at an inclusive position', async () => {
      const { prefix, ids } = await interleaved(store());
      const all = await collect(store().readAll({ streamPrefix: prefix }));
      const fromThird = await collect(store().readAll({ streamPrefix: prefix, from: all[2].position }));
      expect(fromThird.map((e) => e.eventId)).toEqual(ids.slice(2));
    });

    it('keeps only streams with the given prefix', async () => {
      const { prefix, ids } = await interleaved(store());
      const cases = await collect(store().readAll({ streamPrefix: `${prefix}case-` }));
      expect(cases.map((e) => e.eventId)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    });

    it('stops after maxCount events that pass the filter', async () => {
      const { prefix, ids } = await interleaved(store());
      const firstThree = await collect(store().readAll({ streamPrefix: `${prefix}case-`, maxCount: 3 }));
      expect(firstThree.map((e) => e.eventId)).toEqual([ids[0], ids[1], ids[3]]);
      expect(await collect(store().readAll({ streamPrefix: prefix, maxCount: 0 }))).toEqual([]);
    });

    it('keeps a multi-event append contiguous in the global log', async () => {
      const prefix = uniquePrefix();
      const batch = someEvents(3);
      await store().appendToStream(`${prefix}case-a`, [anEvent()], 'no_stream');
      await store().appendToStream(`${prefix}case-b`, batch, 'no_stream');
      await store().appendToStream(`${prefix}case-a`, [anEvent()], 0);
      const events = await collect(store().readAll({ streamPrefix: prefix }));
      expect(events.slice(1, 4).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
    });

    it('can be abandoned early without disturbing the store', async () => {
      const { prefix } = await interleaved(store());
      for await (const event of store().readAll({ streamPrefix: prefix })) {
        expect(event.streamId.startsWith(prefix)).toBe(true);
        break;
      }
      expect(await collect(store().readAll({ streamPrefix: prefix }))).toHaveLength(5);
    });
  });
}
