import type {
  AdvanceableNorm,
  AssignmentReason,
  BusinessDate,
  CaseEventOf,
  CaseStepEventType,
  HelpType,
  Institution,
  MeasureType,
  WaitingFor,
  WaitlistOutcome,
  WaitlistReason,
} from './case-events';
import { isBefore } from '../dates/business-date';
import { assertNever } from '../shared/assert-never';

/**
 * A step of the case as it stands now: the data of its latest correction (or the original), and whether it
 * was retracted. The type and data stay correlated, so a switch on `type` narrows `data`.
 */
export type StepEntry = {
  [K in CaseStepEventType]: {
    readonly eventId: string;
    readonly type: K;
    readonly data: CaseEventOf<K>['data'];
    readonly retracted: boolean;
    /** Ids of the EntryCorrected events applied to this entry, oldest first. */
    readonly correctedBy: readonly string[];
  };
}[CaseStepEventType];

export interface Assignment {
  eventId: string;
  protectorRef: string;
  team?: string;
  assignedOn: BusinessDate;
  reason: AssignmentReason;
}

export interface WaitlistEntry {
  entryId: string;
  waitingFor: WaitingFor;
  since: BusinessDate;
  helpType?: HelpType;
  provider?: string;
  reason?: WaitlistReason;
  placedByEventId: string;
  open: boolean;
  leftOn?: BusinessDate;
  outcome?: WaitlistOutcome;
  leftByEventId?: string;
}

/** What the case looks like, derived only from its effective (corrected, non-retracted) entries. */
export interface CaseSummary {
  caseId: string | undefined;
  childRef: string | undefined;
  familyRef: string | undefined;
  municipalityCode: string | undefined;
  institution: Institution | undefined;
  measureType: MeasureType | undefined;
  pronouncedOn: BusinessDate | undefined;
  giNotifiedOn: BusinessDate | undefined;
  /** The current end date: the MeasureImposed's endsOn, moved by each extension. */
  endsOn: BusinessDate | undefined;
  ended: boolean;
  endedOn: BusinessDate | undefined;
  /** The protector with the latest assignment date (a late-recorded older handover does not displace them). */
  currentProtectorRef: string | undefined;
  assignmentCount: number;
  /** Assignments in log order. */
  assignments: readonly Assignment[];
  waitlist: Readonly<Record<string, WaitlistEntry>>;
  /** The earliest case-specific deadline per norm. */
  deadlinesAdvanced: Readonly<Partial<Record<AdvanceableNorm, BusinessDate>>>;
  extensionCount: number;
}

export const emptySummary: CaseSummary = {
  caseId: undefined,
  childRef: undefined,
  familyRef: undefined,
  municipalityCode: undefined,
  institution: undefined,
  measureType: undefined,
  pronouncedOn: undefined,
  giNotifiedOn: undefined,
  endsOn: undefined,
  ended: false,
  endedOn: undefined,
  currentProtectorRef: undefined,
  assignmentCount: 0,
  assignments: [],
  waitlist: {},
  deadlinesAdvanced: {},
  extensionCount: 0,
};

const has = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** Own-property lookup, so an entry id such as "constructor" cannot resolve to Object.prototype. */
export const lookupWaitlistEntry = (
  waitlist: Readonly<Record<string, WaitlistEntry>>,
  entryId: string,
): WaitlistEntry | undefined => (has(waitlist, entryId) ? waitlist[entryId] : undefined);

/**
 * `{ ...a, ...b }` by Object.assign, which V8 (Node 20) does several times faster than a spread followed by
 * more keys, and the fold does it for most events. Same keys, same order - except that Object.assign would set
 * the prototype for an own "__proto__" key where a spread makes it a key, so such data takes the spread.
 */
const merged = <A extends object, B extends object>(a: A, b: B): A & B =>
  has(a, '__proto__') || has(b, '__proto__') ? { ...a, ...b } : Object.assign({}, a, b);

/**
 * The waiting list with one entry placed or replaced: `{ ...waitlist, [entryId]: entry }`, copied into an object
 * in V8's dictionary mode. Entry ids are UUIDs, and every new key of a fast-mode object makes V8 a new hidden
 * class, so the spread cost microseconds per step and most of a rebuild's folding. Same keys, same order.
 */
const withWaitlistEntry = (
  waitlist: Readonly<Record<string, WaitlistEntry>>,
  entryId: string,
  entry: WaitlistEntry,
): Record<string, WaitlistEntry> => {
  // Assigning "__proto__" would set the prototype rather than make a key; the spread defines it as a key.
  if (entryId === '__proto__' || has(waitlist, '__proto__')) return { ...waitlist, [entryId]: entry };
  const copy = dictionaryModeObject<WaitlistEntry>();
  for (const id of Object.keys(waitlist)) copy[id] = waitlist[id];
  copy[entryId] = entry;
  return copy;
};

/** An empty plain object in dictionary mode: deleting a property that is not the last one added switches it. */
const dictionaryModeObject = <V>(): Record<string, V> => {
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  return o as Record<string, V>;
};

// Latest assignment date wins; on equal dates the later entry in the log wins.
const currentProtector = (assignments: readonly Assignment[]): string | undefined =>
  assignments.reduce<Assignment | undefined>(
    (current, a) => (current === undefined || !isBefore(a.assignedOn, current.assignedOn) ? a : current),
    undefined,
  )?.protectorRef;

/**
 * Folds one effective entry into the summary. Used both live (evolve) and to re-derive after a correction.
 * Whatever else the object holds (a CaseState's entries) is copied along: the result is a spread of it.
 */
export const applyStep = <S extends CaseSummary>(summary: S, entry: StepEntry): S => {
  switch (entry.type) {
    case 'MeasureImposed': {
      const d = entry.data;
      return {
        ...summary,
        caseId: d.caseId,
        childRef: d.childRef,
        familyRef: d.familyRef,
        municipalityCode: d.municipalityCode,
        institution: d.institution,
        measureType: d.measureType,
        pronouncedOn: d.pronouncedOn,
        giNotifiedOn: d.giNotifiedOn,
        endsOn: d.endsOn,
      };
    }
    case 'GuardianAssigned': {
      const assignments = [...summary.assignments, merged({ eventId: entry.eventId }, entry.data)];
      return {
        ...summary,
        assignments,
        assignmentCount: assignments.length,
        currentProtectorRef: currentProtector(assignments),
      };
    }
    case 'Waitlisted': {
      // decide refuses duplicate entry ids; should a log hold one anyway, the first entry wins.
      if (lookupWaitlistEntry(summary.waitlist, entry.data.entryId)) return summary;
      const placed: WaitlistEntry = merged(entry.data, { placedByEventId: entry.eventId, open: true });
      return { ...summary, waitlist: withWaitlistEntry(summary.waitlist, entry.data.entryId, placed) };
    }
    case 'WaitlistLeft': {
      const { entryId, leftOn, outcome } = entry.data;
      const current = lookupWaitlistEntry(summary.waitlist, entryId);
      // Leaving an entry that is unknown (its Waitlisted was retracted) or already closed changes nothing.
      if (!current || !current.open) return summary;
      const left: WaitlistEntry = merged(current, { open: false, leftOn, outcome, leftByEventId: entry.eventId });
      return { ...summary, waitlist: withWaitlistEntry(summary.waitlist, entryId, left) };
    }
    case 'DeadlineAdvanced': {
      // The earliest judgement holds: moving a deadline later again takes a correction or a retraction,
      // which leaves an audit trail, rather than a second, later "advanced" deadline.
      const { norm, deadline } = entry.data;
      const previous = summary.deadlinesAdvanced[norm];
      if (previous !== undefined && !isBefore(deadline, previous)) return summary;
      return { ...summary, deadlinesAdvanced: { ...summary.deadlinesAdvanced, [norm]: deadline } };
    }
    case 'MeasureExtended':
      return { ...summary, endsOn: entry.data.newEndsOn, extensionCount: summary.extensionCount + 1 };
    case 'MeasureEnded':
      return { ...summary, ended: true, endedOn: entry.data.endedOn };
    case 'PlanAgreed':
    case 'HelpStarted':
    case 'DeadlineExplained':
      // Read from the entries by the norm engine; nothing in the summary depends on them.
      return summary;
    default:
      return assertNever(entry, 'case step');
  }
};

/** The summary of a list of entries: retracted ones are skipped, corrected ones count with their new data. */
export const deriveSummary = (entries: readonly StepEntry[]): CaseSummary =>
  entries.filter((entry) => !entry.retracted).reduce(applyStep, emptySummary);
