import { type CaseCommand, type CaseState, decide, evolve, initialCaseState, isBefore } from '@app/domain';
import { type HashableEvent, type SealedCaseEvent, sealCaseEvents } from '@app/domain/integrity';
import { caseStreamId } from '@app/event-store';
import { seededUuid, timeOrderedUuid } from '../ids';
import { Random, STREAM } from '../random';
import type { Profile } from '../profiles';
import { aimAt, dateOfMs, dayStartMs } from '../plan/case-draft';
import { isoOfMs } from '../plan/days';
import type { CaseScript } from '../plan/plan-case';
import { checkedEventHash } from '../sealing/fast-event-hash';
import { type Partition, plannedDays, WHOLE_RUN } from './arrivals';
import { CaseQueue } from './case-queue';

/** One event as the generator records it: decided by the domain, sealed as the api seals it. */
export interface GeneratedEvent {
  caseId: string;
  streamId: string;
  /** 0-based revision in the case stream. */
  revision: number;
  /** Epoch milliseconds of metadata.recordedAt; with `key`, the event's place in the log. */
  recordAt: number;
  key: number;
  event: SealedCaseEvent;
  /** event.data as JSON text, as the store keeps it. */
  dataJson: string;
  /** The command it was decided from, for writers that go through the api. */
  command: CaseCommand;
  requestId: string;
}

export interface SimulationStats {
  cases: number;
  /** Cases pronounced before the window (the stock). */
  stockCases: number;
  events: number;
  /** Commands the decider refused, by rule code: a defect of the generator, expected to stay empty. */
  refused: Record<string, number>;
  /** Cases running (in memory) at most at once. */
  peakRunning: number;
}

export interface SimulationOptions {
  /** Stop taking new cases after this many (the first cases of the run, identical to those of a full run). */
  maxCases?: number;
  /** Simulate only this share of the families (see Partition). */
  partition?: Partition;
  stats?: SimulationStats;
}

export const emptyStats = (): SimulationStats => ({ cases: 0, stockCases: 0, events: 0, refused: {}, peakRunning: 0 });

interface CaseRun {
  script: CaseScript;
  streamId: string;
  /** Steps taken so far: the index of the next one. */
  next: number;
  state: CaseState;
  /**
   * Event and request ids are drawn as the steps are recorded, from a stream of the case's own that its plan
   * does not draw from: the plan is then the same whether or not its steps are recorded (see plannedSize).
   */
  ids: Random;
  /** Event ids of recorded steps a later correction or retraction is about, by step index. */
  targetIds: Map<number, string> | undefined;
  recorded: number;
  lastHash: string | null;
}

const DAY_MS = 86_400_000;

type Hasher = (previous: string | null, event: HashableEvent) => string;

/**
 * The whole run in time order, as it would have been recorded: each day the new cases join a queue of running
 * cases ordered by when their next step is recorded, and every step due that day is decided by the domain
 * (decide with today = the day it is recorded), folded in (evolve), sealed and yielded. Only running cases are in
 * memory; the log interleaves cases as production would. Deterministic in (profile, seed).
 */
export function* simulate(profile: Profile, seed: number, options: SimulationOptions = {}): Generator<GeneratedEvent> {
  const stats = options.stats ?? emptyStats();
  const maxCases = options.maxCases ?? Number.POSITIVE_INFINITY;
  const queue = new CaseQueue<CaseRun>();
  const hash = checkedEventHash();
  for (const { day, cases } of plannedDays(profile, seed, options.partition ?? WHOLE_RUN, () => stats.cases < maxCases)) {
    for (const script of cases) {
      if (stats.cases >= maxCases) break;
      stats.cases += 1;
      if (isBefore(script.pronouncedOn, profile.windowStart)) stats.stockCases += 1;
      const run: CaseRun = {
        script,
        streamId: caseStreamId(script.caseId),
        next: 0,
        state: initialCaseState,
        ids: Random.stream(seed, STREAM.recording, script.key),
        targetIds: undefined,
        recorded: 0,
        lastHash: null,
      };
      queue.push(script.upcoming!.recordAt, script.key, run);
    }
    stats.peakRunning = Math.max(stats.peakRunning, queue.size);
    const dayEnd = dayStartMs(day) + DAY_MS;
    while (queue.peekTime() < dayEnd) {
      const run = queue.pop()!;
      const generated = recordStep(run, stats, hash);
      if (generated) yield generated;
      const upcoming = run.script.upcoming;
      if (upcoming !== undefined) queue.push(upcoming.recordAt, run.script.key, run);
    }
    if (stats.cases >= maxCases && queue.size === 0) return;
  }
}

function recordStep(run: CaseRun, stats: SimulationStats, hash: Hasher): GeneratedEvent | undefined {
  const index = run.next;
  const step = run.script.take()!;
  run.next += 1;
  let command = step.command;
  if (step.about >= 0) {
    const target = run.targetIds?.get(step.about);
    if (target === undefined) return refused(stats, 'GENERATOR.TARGET_NOT_RECORDED');
    command = aimAt(command, target);
  }
  const decision = decide(command, run.state, { today: dateOfMs(step.recordAt) });
  if (!decision.ok) return refused(stats, decision.error.code);
  const eventId = timeOrderedUuid(step.recordAt, run.ids);
  const requestId = seededUuid(run.ids);
  const revision = run.recorded;
  const actor = step.recordedBy;
  const recordedAt = isoOfMs(step.recordAt);
  const [event] = sealCaseEvents(run.streamId, revision, run.lastHash, decision.events, [eventId], { recordedAt, actor, correlationId: requestId, causationId: requestId }, hash);
  run.state = evolve(run.state, { ...decision.events[0], eventId });
  run.lastHash = event.metadata.integrity.hash;
  run.recorded += 1;
  if (run.script.isTarget(index)) (run.targetIds ??= new Map()).set(index, eventId);
  stats.events += 1;
  const dataJson = JSON.stringify(event.data);
  return { caseId: run.script.caseId, streamId: run.streamId, revision, recordAt: step.recordAt, key: run.script.key, event, dataJson, command, requestId };
}

function refused(stats: SimulationStats, code: string): undefined {
  stats.refused[code] = (stats.refused[code] ?? 0) + 1;
  return undefined;
}
