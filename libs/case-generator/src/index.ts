/**
 * Synthetic case histories (issue 5): deterministic by seed, distributed as the sources describe (README,
 * "Synthetic data"), every event decided by the domain and sealed as the api seals it.
 */
export { PROFILES, PROFILE_NAMES, isProfileName, type Profile, type ProfileName } from './profiles';
export { simulate, emptyStats, type GeneratedEvent, type SimulationOptions, type SimulationStats } from './simulation/simulate';
export { plannedDays, stockStart, type Partition } from './simulation/arrivals';
export { plannedSize, type PlannedSize } from './simulation/count';
export { generateIntoStore, generateThroughApi, spillPartsFor, type GenerationProgress } from './generate';
export { simulateInParallel, simulateSpilled } from './parallel/parallel-simulation';
export { writeInBulk } from './sinks/bulk-writer';
export { writeThroughApi, ApiWriteError } from './sinks/api-writer';
export { toRow, type EventRow } from './sinks/event-rows';
export { fastEventHash, checkedEventHash } from './sealing/fast-event-hash';
