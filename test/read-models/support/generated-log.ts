import {
  addDays,
  type CaseCommand,
  type CaseState,
  type CaseStepData,
  decide,
  evolve,
  initialCaseState,
  INSTITUTIONS,
} from '@app/domain';
import type { CaseLog } from './case-log';

/** A small deterministic PRNG (mulberry32), so a "random" log is the same in every run. */
const random = (seed: number) => (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

interface CaseDraft {
  id: string;
  state: CaseState;
  /** The step commands still to try, each built from the case as it stands. */
  steps: Array<(draft: CaseDraft) => CaseCommand | undefined>;
  /** Event id and data of each step recorded, by event type (the latest). */
  recorded: Map<string, { eventId: string; data: CaseStepData }>;
}

const TODAY = '2022-06-01';

/**
 * A realistic log: cases imposed, protectors assigned, waits, plans, help, corrections, retractions, ends -
 * each command decided by the domain (refused ones are dropped), the cases interleaved in the global log, plus
 * events of unknown types in case streams and events of other streams.
 */
export async function generateCaseLog(
  log: CaseLog,
  options: { cases: number; seed: number; /** Distinct children (default one per case): fewer gives children several measures. */ children?: number },
): Promise<number> {
  const next = random(options.seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const maybe = (p: number) => next() < p;
  let appended = 0;

  const drafts: CaseDraft[] = Array.from({ length: options.cases }, (_, i) => {
    const pronouncedOn = addDays('2021-01-04', int(0, 150));
    const notifiedOn = addDays(pronouncedOn, int(0, 4));
    const since = addDays(pronouncedOn, int(5, 40));
    const prior = (d: CaseDraft, type: string) => d.recorded.get(type);
    const steps: CaseDraft['steps'] = [
      (d) => ({
        type: 'ImposeMeasure',
        data: {
          caseId: d.id,
          childRef: `child-${i % (options.children ?? options.cases)}`,
          familyRef: `family-${i % 7}`,
          municipalityCode: pick(['GM0599', 'GM0606', 'GM0622', 'GM0489']),
          institution: pick(INSTITUTIONS),
          measureType: pick(['OTS', 'VOORLOPIGE_OTS', 'JEUGDRECLASSERING'] as const),
          pronouncedOn,
          giNotifiedOn: notifiedOn,
          endsOn: addDays(pronouncedOn, 365),
        },
      }),
      () => ({
        type: 'AssignGuardian',
        data: { protectorRef: `protector-${int(1, 9)}`, assignedOn: addDays(notifiedOn, int(1, 9)), reason: 'INITIAL' },
      }),
    ];
    if (maybe(0.6)) {
      steps.push(() => ({
        type: 'PlaceOnWaitlist',
        data: { entryId: 'wait-1', waitingFor: 'HELP', since, helpType: 'B_OPNAME', provider: 'provider-2', reason: 'CAPACITY' },
      }));
    }
    steps.push(() => ({
      type: 'AgreePlan',
      data: { agreedOn: addDays(pronouncedOn, int(20, 60)), participants: pick([['CHILD', 'PARENTS'], ['NETWORK']] as const).slice() },
    }));
    if (maybe(0.5)) {
      steps.push(() => ({ type: 'LeaveWaitlist', data: { entryId: 'wait-1', leftOn: addDays(since, int(10, 90)), outcome: 'HELP_STARTED' } }));
    }
    steps.push(() => ({
      type: 'StartHelp',
      data: { startedOn: addDays(pronouncedOn, int(30, 120)), helpType: 'E_AMBULANT', provider: 'provider-1', bridging: maybe(0.2) },
    }));
    if (maybe(0.4)) {
      steps.push((d) => {
        const assigned = prior(d, 'GuardianAssigned');
        if (!assigned) return undefined;
        const data = { ...(assigned.data as object), protectorRef: `protector-${int(10, 19)}` } as CaseStepData;
        return { type: 'CorrectEntry', data: { correctsEventId: assigned.eventId, reason: 'wrong protector', data } };
      });
    }
    if (maybe(0.3)) {
      steps.push((d) => {
        const target = prior(d, 'WaitlistLeft') ?? prior(d, 'Waitlisted');
        return target && { type: 'RetractEntry', data: { retractsEventId: target.eventId, reason: 'recorded in error' } };
      });
    }
    if (maybe(0.3)) {
      steps.push(() => ({
        type: 'AssignGuardian',
        data: { protectorRef: `protector-${int(20, 29)}`, assignedOn: addDays(notifiedOn, int(60, 150)), reason: 'TURNOVER' },
      }));
    }
    if (maybe(0.4)) {
      steps.push(() => ({ type: 'EndMeasure', data: { endedOn: addDays(pronouncedOn, int(200, 360)), reason: 'OTS_LIFTED_EARLY' } }));
    }
    return { id: `gen-${options.seed}-${i}`, state: initialCaseState, steps, recorded: new Map() };
  });

  // Round robin, so that the streams interleave in the global log as they would in production.
  while (drafts.some((d) => d.steps.length > 0)) {
    for (const draft of drafts) {
      const step = draft.steps.shift();
      const command = step?.(draft);
      if (!command) continue;
      const decision = decide(command, draft.state, { today: TODAY });
      if (!decision.ok) continue;
      for (const event of decision.events) {
        const { eventId } = await log.record(draft.id, event);
        appended += 1;
        draft.state = evolve(draft.state, { ...event, eventId });
        draft.recorded.set(event.type, { eventId, data: event.data as CaseStepData });
      }
      if (maybe(0.05)) {
        await log.append(`case-${draft.id}`, 'CaseArchivedByAFutureVersion', { note: 'unknown here' });
        appended += 1;
      }
      if (maybe(0.05)) await log.append(`audit-${draft.id}`, 'AuditNoted', { note: 'not a case stream' });
    }
  }
  return appended;
}
