import type { RecordingActor } from '@app/domain/integrity';
import type { EventStore } from '@app/event-store';
import { simulateInParallel } from './parallel/parallel-simulation';
import type { Profile } from './profiles';
import { stockStart } from './simulation/arrivals';
import { emptyStats, simulate, type GeneratedEvent, type SimulationStats } from './simulation/simulate';
import { dateOfMs } from './plan/case-draft';
import { daysFrom } from './plan/days';
import { writeThroughApi } from './sinks/api-writer';
import { writeInBulk } from './sinks/bulk-writer';
import { chunked, type EventRow, mapped, toRow } from './sinks/event-rows';

/** How far a run is, in simulated days (the number of events is known only at the end). */
export interface GenerationProgress {
  /** The simulated day of the last event written. */
  day: string;
  dayIndex: number;
  days: number;
  events: number;
}

interface CommonOptions {
  /** Only the first n cases of the run. */
  maxCases?: number;
  stats?: SimulationStats;
  onProgress?: (progress: GenerationProgress) => void;
}

const progressOf = (profile: Profile, onProgress: CommonOptions['onProgress']) => {
  const first = stockStart(profile);
  const days = daysFrom(first, profile.horizon) + 1;
  return (recordAt: number, events: number): void => {
    const day = dateOfMs(recordAt);
    onProgress?.({ day, dayIndex: Math.min(days, daysFrom(first, day) + 1), days, events });
  };
};

/**
 * Generates a run into an event store through the port's bulk append. With `workers` > 0 the simulation runs on
 * that many worker threads while this thread writes (the log is the same either way); `maxCases` keeps it on
 * this thread.
 */
export async function generateIntoStore(
  store: EventStore,
  profile: Profile,
  seed: number,
  options: CommonOptions & { workers?: number; batchSize?: number } = {},
): Promise<SimulationStats> {
  const stats = options.stats ?? emptyStats();
  const workers = options.maxCases === undefined ? (options.workers ?? 0) : 0;
  const chunks: Iterable<EventRow[]> | AsyncIterable<EventRow[]> =
    workers > 0
      ? simulateInParallel(profile, seed, { workers, stats })
      : chunked(mapped(simulate(profile, seed, { maxCases: options.maxCases, stats }), toRow), 4000);
  const report = progressOf(profile, options.onProgress);
  let last = 0;
  const tracked = (async function* () {
    for await (const rows of chunks) {
      if (rows.length > 0) last = rows[rows.length - 1].recordAt;
      yield rows;
    }
  })();
  await writeInBulk(store, tracked, { batchSize: options.batchSize, onProgress: (written) => report(last, written) });
  return stats;
}

/** Generates a run through the HTTP API: each step one request (see writeThroughApi). */
export async function generateThroughApi(
  profile: Profile,
  seed: number,
  options: CommonOptions & { baseUrl: string; tokenFor: (actor: RecordingActor) => Promise<string>; concurrency?: number },
): Promise<SimulationStats> {
  const stats = options.stats ?? emptyStats();
  const report = progressOf(profile, options.onProgress);
  let last = 0;
  const events = mapped(simulate(profile, seed, { maxCases: options.maxCases, stats }), (generated: GeneratedEvent) => {
    last = generated.recordAt;
    return generated;
  });
  await writeThroughApi(events, {
    baseUrl: options.baseUrl,
    tokenFor: options.tokenFor,
    concurrency: options.concurrency ?? 8,
    onProgress: (written) => {
      if (written % 200 === 0) report(last, written);
    },
  });
  return stats;
}
