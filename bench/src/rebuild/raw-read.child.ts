import { CASE_STREAM_PREFIX, SqliteEventStore } from '@app/event-store';
import { serveChildTask } from '../proc/child-runtime';
import { peakRssMb } from '../proc/proc-status';

/**
 * The read side of a rebuild without the rebuild: the store's own readAll over the case streams, with its JSON
 * parsing, counted and dropped. A rebuild cannot be faster than this, so rebuild / raw read is its efficiency.
 */

export interface RawReadTask {
  eventsFile: string;
}

export interface RawReadResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb?: number;
}

async function rawRead(task: RawReadTask): Promise<RawReadResult> {
  const store = new SqliteEventStore(task.eventsFile);
  try {
    let events = 0;
    const started = process.hrtime.bigint();
    for await (const _ of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) events += 1;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, seconds, eventsPerSecond: events / seconds, peakRssMb: peakRssMb() };
  } finally {
    await store.close();
  }
}

serveChildTask(rawRead);
