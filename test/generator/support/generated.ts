import { createHash } from 'node:crypto';
import type { EventRow, Profile } from '@app/case-generator';

/**
 * Small profiles for tests: the same generator at a fraction of the volume, so a test runs in seconds. Dates
 * lie before 2021-09-01 where a test talks to the api, whose test clock stands on that day.
 */
export const TINY_PROFILE: Profile = {
  name: 'tiny',
  windowStart: '2025-10-01',
  horizon: '2025-12-31',
  stockYears: 1,
  scale: 0.25,
};

export const BEFORE_TEST_CLOCK: Profile = {
  name: 'before-test-clock',
  windowStart: '2021-05-01',
  horizon: '2021-08-31',
  stockYears: 1,
  scale: 0.25,
};

/** A fingerprint of a log: every stored byte of every event (stream, revision, id, type, data, metadata), in order. */
export function logHash(rows: Iterable<Pick<EventRow, 'streamId' | 'revision' | 'event'>>): { events: number; hash: string } {
  const hash = createHash('sha256');
  let events = 0;
  for (const { streamId, revision, event } of rows) {
    hash.update(`${streamId}\u0000${revision}\u0000${event.eventId}\u0000${event.type}\u0000${event.dataJson}\u0000${event.metadataJson}\u0001`);
    events += 1;
  }
  return { events, hash: hash.digest('hex') };
}
