import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision } from '@app/event-store';
import { anEvent, someEvents, uniquePrefix } from './helpers';

async function expectConflict(
  store: EventStore,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<void> {
  const attempt = store.appendToStream(streamId, someEvents(2), expected);
  await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  await expect(attempt).rejects.toMatchObject({ streamId, expected, actual });
}

export function appendAndReadContract(store: () => EventStore): void {
  describe('appending and reading a stream', () => {
    it('reads back what was appended, in order, with revisions 0..n and the stored fields', async () => {
      const streamId = `${uniquePrefix()}case-1`;
      const first = anEvent('CaseOpened', { child: 'CHILD-0000001', amount: 12.5, tags: ['a', 'é'] });
      const rest = [anEvent('GuardianAssigned'), anEvent('PlanAgreed', null)];
      const before = Date.now();
      await store().appendToStream(streamId, [first], 'no_stream');
      const result = await store().appendToStream(streamId, rest, 0);

      const events = await store().readStream(streamId);
      expect(events.map((e) => [e.revision, e.eventId, e.type, e.data, e.metadata])).toEqual(
        [first, ...rest].map((e, index) => [index, e.eventId, e.type, e.data, e.metadata]),
      );
      expect(events.every((e) => e.streamId === streamId)).toBe(true);
      expect(events[1].position).toBeGreaterThan(events[0].position);
      expect(events[2].position).toBeGreaterThan(events[1].position);
      expect(result).toEqual({ nextExpectedRevision: 2, position: events[2].position });
      for (const event of events) {
        expect(event.storedAt).toBeInstanceOf(Date);
        expect(Math.abs(event.storedAt.getTime() - before)).toBeLessThan(60_000);
      }
    });

    it('returns an empty array for a stream that does not exist', async () => {
      await expect(store().readStream(`${uniquePrefix()}case-missing`)).resolves.toEqual([]);
    });

    it("refuses 'no_stream' on an existing stream, with the actual revision, and appends nothing", async () => {
      const streamId = `${uniquePrefix()}case-1`;
      await store().appendToStream(streamId, someEvents(2), 'no_stream');
      await expectConflict(store(), streamId, 'no_stream', 1);
      expect(await store().readStream(streamId)).toHaveLength(2);
    });

    it('refuses a stale or a future revision, with the actual revision, and appends nothing', async () => {
      const streamId = `${uniquePrefix()}case-1`;
      await store().appendToStream(streamId, someEvents(3), 'no_stream');
      await expectConflict(store(), streamId, 1, 2);
      await expectConflict(store(), streamId, 5, 2);
      expect(await store().readStream(streamId)).toHaveLength(3);
    });

    it("refuses a revision on a missing stream with actual 'no_stream' and creates nothing", async () => {
      const streamId = `${uniquePrefix()}case-1`;
      await expectConflict(store(), streamId, 0, 'no_stream');
      expect(await store().readStream(streamId)).toEqual([]);
    });

    it("appends with 'any' to a missing and to an existing stream", async () => {
      const streamId = `${uniquePrefix()}audit`;
      const first = await store().appendToStream(streamId, [anEvent('Audited')], 'any');
      const second = await store().appendToStream(streamId, someEvents(2, 'Audited'), 'any');
      expect(first.nextExpectedRevision).toBe(0);
      expect(second.nextExpectedRevision).toBe(2);
      expect((await store().readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('appends a multi-event batch atomically: all with consecutive revisions, or none', async () => {
      const streamId = `${uniquePrefix()}case-1`;
      const batch = someEvents(4);
      const result = await store().appendToStream(streamId, batch, 'no_stream');
      const events = await store().readStream(streamId);
      expect(events.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
      expect(result.nextExpectedRevision).toBe(3);
      await expectConflict(store(), streamId, 2, 3); // a refused batch of two leaves no trace
      expect(await store().readStream(streamId)).toHaveLength(4);
    });

    it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
      const streamId = `${uniquePrefix()}case-1`;
      await store().appendToStream(streamId, [anEvent()], 'no_stream');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => store().appendToStream(streamId, someEvents(2), 0)),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(4);
      for (const outcome of lost) {
        expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(outcome.reason).toMatchObject({ expected: 0, actual: 2 });
      }
      expect((await store().readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it("lets exactly one of several concurrent 'no_stream' appends create the stream", async () => {
      const streamId = `${uniquePrefix()}case-1`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 4 }, () => store().appendToStream(streamId, [anEvent()], 'no_stream')),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await store().readStream(streamId)).toHaveLength(1);
    });

    it('rejects an empty append and an invalid expected revision', async () => {
      const streamId = `${uniquePrefix()}case-1`;
      await expect(store().appendToStream(streamId, [], 'any')).rejects.toBeInstanceOf(RangeError);
      await expect(store().appendToStream(streamId, [anEvent()], -1)).rejects.toBeInstanceOf(RangeError);
      expect(await store().readStream(streamId)).toEqual([]);
    });

    it('answers ping', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });
  });
}
