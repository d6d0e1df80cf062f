import type { BusinessDate, CaseCommand } from '@app/domain';
import type { RecordingActor } from '@app/domain/integrity';
import type { Random } from '../random';
import { drawRegistrationLag, OFFICE_SPAN_MS, OFFICE_START_MS } from '../sources/registration';
import { dayOfMs, later, plusDays, startOfDayMs, weekday } from './days';

/** One step of a case as planned: the command a protector will give, when, and as whom. */
export interface PlannedStep {
  /** The first day the step can be recorded: the day it happened, or the day the case was registered. */
  at: BusinessDate;
  command: CaseCommand;
  /** Who records it; undefined: the case's protector at that moment, settled when the step is emitted. */
  actor: RecordingActor | undefined;
  /** The step a correction or retraction is about: it is recorded by whoever recorded that one. */
  about?: PlannedStep;
  /** Days between `at` and the recording, as drawn; the recording may come later still (see emit). */
  lagDays: number;
  /** Planning order, the last tie-breaker. */
  seq: number;
  /** A correction or retraction is about this step. */
  targeted?: boolean;
  /** A second registration of a step (to be retracted): not mistaken again. */
  copy?: boolean;
  /** Set when emitted: its index among the case's steps, and who records it. */
  placed?: { index: number; actor: RecordingActor };
}

/**
 * The order of steps recorded on the same day: a measure before anything else, a wait before leaving it, the
 * end last; corrections after what they correct. Business dates alone do not order a day.
 */
const RANK: Readonly<Record<CaseCommand['type'], number>> = {
  ImposeMeasure: 0,
  AdvanceDeadline: 1,
  AssignGuardian: 2,
  AgreePlan: 3,
  PlaceOnWaitlist: 4,
  LeaveWaitlist: 5,
  StartHelp: 6,
  ExplainDeadline: 7,
  ExtendMeasure: 8,
  CorrectEntry: 9,
  RetractEntry: 9,
  EndMeasure: 10,
};

const precedes = (a: PlannedStep, b: PlannedStep): boolean =>
  // YYYY-MM-DD strings sort as the dates they name.
  a.at < b.at || (a.at === b.at && (RANK[a.command.type] < RANK[b.command.type] || (RANK[a.command.type] === RANK[b.command.type] && a.seq < b.seq)));

/** Recordings run past office hours at most to 21:00 UTC: still the same calendar day in Amsterdam. */
const LATEST_IN_DAY_MS = 21 * 3600_000;

export const dayStartMs = startOfDayMs;

/** The calendar day (UTC, which equals Amsterdam's in office hours) of an epoch-milliseconds instant. */
export const dateOfMs = dayOfMs;

const weekdayOnOrAfter = (date: BusinessDate): BusinessDate => {
  const day = weekday(date);
  return day === 6 ? plusDays(date, 2) : day === 7 ? plusDays(date, 1) : date;
};

/** A step due to be recorded: its command, when, by whom, and the step (index) a correction is about (-1: none). */
export interface ScheduledStep {
  recordAt: number;
  command: CaseCommand;
  recordedBy: RecordingActor;
  about: number;
}

/** Steps of a concern that are planned as time goes on (a generator), one looked at ahead. */
interface FollowedSteps {
  head: PlannedStep | undefined;
  rest: Iterator<PlannedStep>;
}

export interface EmitContext {
  horizon: BusinessDate;
  /** Records the steps until the first protector is assigned. */
  desk: RecordingActor;
  protectorActor: (protectorRef: string) => RecordingActor;
  /** The case id, made from the moment the case is registered. */
  caseIdAt: (registeredAt: number) => string;
  /** Called with each step as it is emitted (placed, not yet recorded): may change its data and plan steps after it. */
  onEmit?: (step: PlannedStep) => void;
}

/**
 * A case being planned and played out. The planners of each concern (term, course, protector, help) add the
 * steps they know at once (`add`) and hand over the rest as generators (`follow`), which run only as the case
 * advances: a case planned in 2008 does not hold ten years of steps in memory, only its next ones. `emit` gives
 * the steps one at a time in recording order - business date, rank within the day, planning order - each with
 * its recording time: the day it happened plus its registration lag, on a working day in office hours, never
 * before the step before it (a late registration holds up the ones after it, as a backlog does). Nothing is
 * recorded after the horizon.
 */
export class CaseDraft {
  private readonly pending: PlannedStep[] = [];
  private readonly followed: FollowedSteps[] = [];
  private planned = 0;
  private registeredOn: BusinessDate | undefined;
  private emitted = 0;
  private lastAt: BusinessDate | undefined;
  private previousRecordAt = 0;
  private current: RecordingActor | undefined;
  private closed = false;
  caseId: string | undefined;
  /** Indexes of emitted steps that a later correction or retraction is about (made when there is one). */
  targets: Set<number> | undefined;

  /**
   * @param lastDay the last day a step of the case can happen: the end of the measure, or the horizon.
   */
  constructor(
    readonly random: Random,
    readonly lastDay: BusinessDate,
  ) {}

  /**
   * A step on `at`, recorded as `actor` (default: the case's protector then); undefined when it falls after
   * the case's last day, unless `afterEnd` (corrections may come years later). Planned, not yet added.
   */
  make(
    at: BusinessDate,
    command: CaseCommand,
    options: { actor?: RecordingActor; about?: PlannedStep; afterEnd?: boolean; lagDays?: number } = {},
  ): PlannedStep | undefined {
    if (!options.afterEnd && at > this.lastDay) return undefined;
    if (command.type === 'ImposeMeasure') this.registeredOn = at;
    // The target of a correction keeps its event id when it is recorded: marked now if it is being emitted right
    // now, else when it is.
    if (options.about) options.about.targeted = true;
    if (options.about?.placed) (this.targets ??= new Set()).add(options.about.placed.index);
    // Nothing can be recorded on a case before the case itself, nor (for steps planned late) before the last one.
    let from = this.registeredOn && command.type !== 'ImposeMeasure' ? later(at, this.registeredOn) : at;
    if (this.lastAt !== undefined) from = later(from, this.lastAt);
    return {
      at: from,
      command,
      actor: options.actor,
      about: options.about,
      lagDays: options.lagDays ?? drawRegistrationLag(this.random),
      seq: this.planned++,
    };
  }

  /** Plans a step now (see make). */
  add(at: BusinessDate, command: CaseCommand, options: Parameters<CaseDraft['make']>[2] = {}): PlannedStep | undefined {
    const step = this.make(at, command, options);
    if (step) this.pending.push(step);
    return step;
  }

  /** Plans now a step made with make. */
  keep(step: PlannedStep | undefined): PlannedStep | undefined {
    if (step) this.pending.push(step);
    return step;
  }

  /** Plans now every step a generator yields, and answers what it returns. */
  addAll<T>(steps: Generator<PlannedStep, T>): T {
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) return next.value;
      this.pending.push(next.value);
    }
  }

  /** Steps planned as the case advances: the generator must yield them in time order. */
  follow(steps: Iterator<PlannedStep>): void {
    const first = steps.next();
    this.followed.push({ head: first.done ? undefined : first.value, rest: steps });
  }

  /**
   * The next step in recording order; undefined when the case has no more. Its data objects come straight from
   * the planners, whose dates and codes are shared strings: the domain keeps them in the case's state for as
   * long as the case runs, so that matters at scale.
   */
  emit(context: EmitContext): ScheduledStep | undefined {
    if (this.closed) return undefined;
    const step = this.takeNext();
    if (!step) return this.close();
    const day = weekdayOnOrAfter(plusDays(step.at, step.lagDays));
    let recordAt = Math.max(
      dayStartMs(day) + OFFICE_START_MS + this.random.int(0, OFFICE_SPAN_MS),
      this.previousRecordAt + this.random.int(1, 15) * 60_000,
    );
    if (recordAt - dayStartMs(dateOfMs(recordAt)) > LATEST_IN_DAY_MS) {
      recordAt = dayStartMs(weekdayOnOrAfter(plusDays(dateOfMs(recordAt), 1))) + OFFICE_START_MS + this.random.int(0, 3600_000);
    }
    if (recordAt > dayStartMs(context.horizon) + LATEST_IN_DAY_MS) return this.close();
    this.previousRecordAt = recordAt;
    this.lastAt = step.at;
    this.caseId ??= context.caseIdAt(recordAt);
    this.current ??= context.desk;
    // The assigned protector records what follows - the true one, even while the entry names a mistyped ref.
    if (step.command.type === 'AssignGuardian') this.current = step.actor ?? context.protectorActor(step.command.data.protectorRef);
    const about = step.about?.placed;
    const actor = step.actor ?? about?.actor ?? this.current;
    step.placed = { index: this.emitted++, actor };
    context.onEmit?.(step);
    if (step.targeted) (this.targets ??= new Set()).add(step.placed.index);
    return { recordAt, command: withCaseId(step.command, this.caseId), recordedBy: actor, about: about ? about.index : -1 };
  }

  private takeNext(): PlannedStep | undefined {
    let best: PlannedStep | undefined;
    let bestAt = -1;
    for (let i = 0; i < this.pending.length; i += 1) {
      if (!best || precedes(this.pending[i], best)) {
        best = this.pending[i];
        bestAt = i;
      }
    }
    let from: FollowedSteps | undefined;
    for (const source of this.followed) {
      if (source.head && (!best || precedes(source.head, best))) {
        best = source.head;
        from = source;
      }
    }
    if (from) {
      const next = from.rest.next();
      from.head = next.done ? undefined : next.value;
    } else if (best) {
      this.pending.splice(bestAt, 1);
    }
    return best;
  }

  /** Nothing more: let go of what is left. */
  private close(): undefined {
    this.closed = true;
    this.pending.length = 0;
    this.followed.length = 0;
    return undefined;
  }
}

/** The measure, and a correction of it, carry the case id (known only once the case is registered). */
const withCaseId = (command: CaseCommand, caseId: string): CaseCommand => {
  if (command.type === 'ImposeMeasure') return { ...command, data: { ...command.data, caseId } };
  if (command.type === 'CorrectEntry' && 'caseId' in command.data.data) {
    return { ...command, data: { ...command.data, data: { ...command.data.data, caseId } } };
  }
  return command;
};

/** A correction or retraction names the event it is about; that one was recorded (and got its id) before. */
export const aimAt = (command: CaseCommand, eventId: string): CaseCommand => {
  if (command.type === 'CorrectEntry') return { ...command, data: { ...command.data, correctsEventId: eventId } };
  if (command.type === 'RetractEntry') return { ...command, data: { ...command.data, retractsEventId: eventId } };
  return command;
};
