import { emptyStats, generateIntoStore, type GenerationProgress, plannedSize, type Profile, simulate } from '@app/case-generator';
import { CASE_STREAM_PREFIX, type EventStore } from '@app/event-store';
import { caseReadModelProjections, type RebuildProgress, rebuildReadModels } from '@app/read-models';
import type { AppConfig } from '../../api/src/config/app-config';
import { openStores } from '../../projector/src/projector-config';

/** What the demo found in the store, and what it did about it. */
export type DemoData =
  | { kind: 'loaded'; cases: number; events: number }
  | { kind: 'present'; events: number }
  | { kind: 'other'; events: number };

export interface DemoSource {
  profile: Profile;
  seed: number;
  /** Only the first n cases (for tests). */
  maxCases?: number;
}

async function caseEventsIn(store: EventStore): Promise<{ first: string | undefined; count: number }> {
  let first: string | undefined;
  let count = 0;
  for await (const event of store.readAll({ streamPrefix: CASE_STREAM_PREFIX })) {
    first ??= event.eventId;
    count += 1;
  }
  return { first, count };
}

export class InterruptedDemoLoadError extends Error {
  override readonly name = 'InterruptedDemoLoadError';
}

/**
 * Loads the demo's synthetic year into the store unless it is there already: the same first event and as many
 * case events as the run has mean a previous `npm run demo` loaded it, so a second one just starts. A store with
 * other case events is left alone (the demo then shows those). Part of the demo's events - a load that was
 * interrupted - cannot be completed in place: that is an error naming the way out.
 */
export async function ensureDemoData(
  store: EventStore,
  source: DemoSource,
  onProgress?: (progress: GenerationProgress) => void,
): Promise<DemoData> {
  const found = await caseEventsIn(store);
  // The run's first event in log order: a simulation stopped after it has only gone through the first days.
  const firstOfDemo = simulate(source.profile, source.seed, { maxCases: source.maxCases }).next().value?.event.eventId;
  if (found.count === 0) {
    const stats = emptyStats();
    await generateIntoStore(store, source.profile, source.seed, { maxCases: source.maxCases, stats, onProgress });
    return { kind: 'loaded', cases: stats.cases, events: stats.events };
  }
  if (found.first !== firstOfDemo) return { kind: 'other', events: found.count };
  const expected = plannedSize(source.profile, source.seed, undefined, source.maxCases).events;
  if (found.count !== expected) {
    throw new InterruptedDemoLoadError(
      `the store holds ${found.count} of the demo's ${expected} events (an interrupted load?): remove the data directory and run the demo again`,
    );
  }
  return { kind: 'present', events: found.count };
}

/** Rebuilds every read model from the log (as `npm run projections:rebuild` does). */
export async function rebuildDemoReadModels(config: AppConfig, onProgress?: (progress: RebuildProgress) => void): Promise<number> {
  const opened = await openStores(config);
  try {
    const result = await rebuildReadModels({ store: opened.store, database: opened.database, projections: caseReadModelProjections(), onProgress });
    return result.events;
  } finally {
    await opened.close();
  }
}
