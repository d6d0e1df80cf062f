import type { RecordingActor } from '@app/domain/integrity';
import type { EventStore } from '@app/event-store';
import { availableParallelism } from 'node:os';
import { simulateInParallel, simulateSpilled } from './parallel/parallel-simulation';
import type { Profile } from './profiles';
import { stockStart } from './simulation/arrivals';
import { emptyStats, simulate, type GeneratedEvent, type SimulationStats } from './simulation/simulate';
import { dateOfMs } from './plan/case-draft';
import { daysFrom } from './plan/days';
import { writeThroughApi } from './sinks/api-writer';
import { writeInBulk } from './sinks/bulk-writer';
import { chunked, type EventRow, mapped, toRow } from './sinks/event-rows';

/** How far a run is: a share of the simulated calendar (the number of events is known only at the end). */
export interface GenerationProgress {
  /** Simulating into temporary files (the first pass of a spilled run), or writing to the store. */
  phase: 'simulating' | 'writing';
  /** 0 to 1, within the phase. */
  fraction: number;
  /** Events simulated (first pass) or written so far. */
  events: number;
  /** The simulated day reached. */
  day: string;
}

interface CommonOptions {
  /** Only the first n cases of the run. */
  maxCases?: number;
  stats?: SimulationStats;
  onProgress?: (progress: GenerationProgress) => void;
}

const calendarOf = (profile: Profile) => {
  const first = stockStart(profile);
  const days = daysFrom(first, profile.horizon) + 1;
  return (recordAt: number): { day: string; fraction: number } => {
    const day = dateOfMs(recordAt);
    return { day, fraction: Math.min(1, (daysFrom(first, day) + 1) / days) };
  };
};

/**
 * Runs bigger than this many times Rijnmond are simulated in partitions of about this size (see spill.ts):
 * national-decade (30) in 15, each about the size of two Rijnmonds - some 60 MB of running cases.
 */
const SCALE_PER_PARTITION = 2;

export const spillPartsFor = (profile: Profile): number =>
  profile.scale > SCALE_PER_PARTITION ? Math.ceil(profile.scale / SCALE_PER_PARTITION) : 0;

export interface StoreGenerationOptions extends CommonOptions {
  /**
   * Worker threads that simulate: while this one writes (one pass), or the partitions of a spilled run's first
   * pass. Default: one per core for a spilled run, none otherwise (for a Rijnmond run this thread alone is about as
   * fast as handing rows between threads).
   */
  workers?: number;
  /** Partitions for a two-pass run (0: one pass). Default: by the profile's scale (spillPartsFor). */
  spillParts?: number;
  /** Events per transaction. */
  batchSize?: number;
}

/**
 * Generates a run into an event store through the port's bulk append: in one pass (on this thread, or with
 * `workers` threads simulating while this one writes) or, for big runs, in two (see simulateSpilled). The log is
 * the same whichever way. `maxCases` keeps it to one pass on this thread.
 */
export async function generateIntoStore(
  store: EventStore,
  profile: Profile,
  seed: number,
  options: StoreGenerationOptions = {},
): Promise<SimulationStats> {
  const stats = options.stats ?? emptyStats();
  const calendar = calendarOf(profile);
  const spillParts = options.maxCases === undefined ? (options.spillParts ?? spillPartsFor(profile)) : 0;
  const workers = options.maxCases === undefined ? (options.workers ?? (spillParts > 0 ? availableParallelism() : 0)) : 0;
  let chunks: Iterable<EventRow[]> | AsyncIterable<EventRow[]>;
  if (spillParts > 0) {
    const reached = new Map<number, { events: number; fraction: number; day: string }>();
    chunks = simulateSpilled(profile, seed, {
      parts: spillParts,
      workers,
      stats,
      onSimulated: (part, events, recordAt) => {
        reached.set(part, { events, ...calendar(recordAt) });
        const all = [...reached.values()];
        options.onProgress?.({
          phase: 'simulating',
          fraction: all.reduce((sum, r) => sum + r.fraction, 0) / spillParts,
          events: all.reduce((sum, r) => sum + r.events, 0),
          day: all.map((r) => r.day).reduce((a, b) => (a < b ? a : b)),
        });
      },
    });
  } else if (workers > 0) {
    chunks = simulateInParallel(profile, seed, { workers, stats });
  } else {
    chunks = chunked(mapped(simulate(profile, seed, { maxCases: options.maxCases, stats }), toRow), 4000);
  }
  let last = 0;
  const tracked = (async function* () {
    for await (const rows of chunks) {
      if (rows.length > 0) last = rows[rows.length - 1].recordAt;
      yield rows;
    }
  })();
  await writeInBulk(store, tracked, {
    batchSize: options.batchSize,
    onProgress: (written) => options.onProgress?.({ phase: 'writing', events: written, ...calendar(last) }),
  });
  return stats;
}

/** Generates a run through the HTTP API: each step one request (see writeThroughApi). */
export async function generateThroughApi(
  profile: Profile,
  seed: number,
  options: CommonOptions & { baseUrl: string; tokenFor: (actor: RecordingActor) => Promise<string>; concurrency?: number },
): Promise<SimulationStats> {
  const stats = options.stats ?? emptyStats();
  const calendar = calendarOf(profile);
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
      if (written % 200 === 0) options.onProgress?.({ phase: 'writing', events: written, ...calendar(last) });
    },
  });
  return stats;
}
