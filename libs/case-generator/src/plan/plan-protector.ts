import { addWorkingDays, type AssignmentReason, type BusinessDate, defaultCalendarPolicy } from '@app/domain';
import { plusDays, later, earlier } from './days';
import { seededUuid } from '../ids';
import { hasIntakeTeam, pickProtector, type Protector } from '../sources/staff';
import type { PlannedStep } from './case-draft';
import { WAIT_DAYS } from '../sources/care';
import { EXPLANATIONS } from '../sources/texts';
import type { CaseFrame } from './case-frame';
import { protectorActor } from './case-frame';

/**
 * Norm 1, a timely and fixed protector (seed 003, ch. 4): within 5 working days of the notification. The
 * inspectorates found it on time in 31 of 34 cases (0.91) and fixed in 35 of 37; the protector is usually at the
 * hearing already. Late cases wait on the GI's waiting list for a protector, and some are explained. Afterwards
 * protectors change: planned handovers (JBRR's intake team to an area team once the course is set, sometimes at
 * an extension) and unplanned ones (the protector leaves, falls ill, other), now and then with a fall-back to the
 * waiting list - which breaks the fixed-protector norm.
 */
export const PROTECTOR_ON_TIME = 0.91;

const ILLNESS_PER_YEAR = 0.05;
const OTHER_CHANGE_PER_YEAR = 0.015;
const HANDOVER_AT_EXTENSION = 0.08;
const FALLBACK_TO_WAITLIST = 0.03;

const afterYears = (frame: CaseFrame, from: BusinessDate, perYear: number): BusinessDate =>
  plusDays(from, 1 + Math.min(7000, Math.round(frame.random.exponential(365 / perYear))));

/** The first assignment, on time or after a wait on the GI's list; answers its day and the protector. */
const planFirstAssignment = (frame: CaseFrame): { on: BusinessDate; protector: Protector } => {
  const { random, draft, pronouncedOn, giNotifiedOn, institution, scale } = frame;
  const policy = defaultCalendarPolicy();
  const deadline = addWorkingDays(policy, giNotifiedOn, 5);
  let on: BusinessDate;
  if (random.chance(PROTECTOR_ON_TIME)) {
    on = random.weighted<() => BusinessDate>([
      [() => pronouncedOn, 0.3], // at the hearing already
      [() => giNotifiedOn, 0.3],
      [() => addWorkingDays(policy, giNotifiedOn, random.int(1, 5)), 0.4],
    ])();
  } else {
    const waited = Math.round(random.logNormal(WAIT_DAYS.protector.median, WAIT_DAYS.protector.sigma));
    on = later(addWorkingDays(policy, giNotifiedOn, 6), plusDays(giNotifiedOn, waited));
    const entryId = seededUuid(random);
    const reason = random.chance(0.85) ? 'CAPACITY' : 'OTHER';
    draft.add(giNotifiedOn, { type: 'PlaceOnWaitlist', data: { entryId, waitingFor: 'PROTECTOR', since: giNotifiedOn, reason } });
    draft.add(on, { type: 'LeaveWaitlist', data: { entryId, leftOn: on, outcome: 'PROTECTOR_ASSIGNED' } });
    if (random.chance(0.45)) {
      const explainedOn = earlier(on, plusDays(deadline, random.int(0, 5)));
      draft.add(explainedOn, { type: 'ExplainDeadline', data: { norm: 'PROTECTOR', explainedOn, reason: random.pick(EXPLANATIONS.PROTECTOR) } });
    }
  }
  const kind = hasIntakeTeam(institution) && random.chance(0.6) ? 'intake' : 'area';
  return { on, protector: pickProtector(random, institution, kind, on, scale) };
};

const assignment = (frame: CaseFrame, protector: Protector, assignedOn: BusinessDate, reason: AssignmentReason): PlannedStep | undefined =>
  frame.draft.make(
    assignedOn,
    { type: 'AssignGuardian', data: { protectorRef: protector.ref, team: protector.team, assignedOn, reason } },
    { actor: protectorActor(frame.institution, protector.ref) },
  );

/** A successor in the area teams, another person than the one leaving. */
const successor = (frame: CaseFrame, leaving: Protector, on: BusinessDate): Protector => {
  for (;;) {
    const next = pickProtector(frame.random, frame.institution, 'area', on, frame.scale);
    if (next.ref !== leaving.ref) return next;
  }
};

export const planProtector = (frame: CaseFrame, firstPlanOn: BusinessDate | undefined, extendedOn: readonly BusinessDate[]): void => {
  const first = planFirstAssignment(frame);
  if (!frame.draft.keep(assignment(frame, first.protector, first.on, 'INITIAL'))) return;
  frame.draft.follow(changes(frame, first, firstPlanOn, extendedOn));
};

/** The changes of protector over the life of the case, planned as it goes. */
function* changes(
  frame: CaseFrame,
  first: { on: BusinessDate; protector: Protector },
  firstPlanOn: BusinessDate | undefined,
  extendedOn: readonly BusinessDate[],
): Generator<PlannedStep> {
  const { random, draft, lastDay, pronouncedOn } = frame;
  let current = first.protector;
  const fromIntake = current.team.endsWith('instroom');
  let handoverOn: BusinessDate | undefined = fromIntake
    ? plusDays(later(first.on, firstPlanOn ?? plusDays(pronouncedOn, 42)), random.int(7, 35))
    : undefined;
  const atExtensions = extendedOn.filter(() => random.chance(HANDOVER_AT_EXTENSION));
  let illnessOn = afterYears(frame, first.on, ILLNESS_PER_YEAR);
  let otherOn = afterYears(frame, first.on, OTHER_CHANGE_PER_YEAR);
  for (;;) {
    const planned = [handoverOn, ...atExtensions].filter((d): d is BusinessDate => d !== undefined).reduce<BusinessDate | undefined>(
      (a, d) => (a === undefined || d < a ? d : a),
      undefined,
    );
    const candidates: [BusinessDate, AssignmentReason][] = [
      [current.leavesOn, 'TURNOVER'],
      [illnessOn, 'ILLNESS'],
      [otherOn, 'OTHER'],
    ];
    if (planned) candidates.push([planned, 'PLANNED_HANDOVER']);
    const [on, reason] = candidates.reduce((a, c) => (c[0] < a[0] ? c : a));
    if (on >= lastDay) return;
    if (reason === 'PLANNED_HANDOVER') {
      if (on === handoverOn) handoverOn = undefined;
      else atExtensions.splice(atExtensions.indexOf(on), 1);
    }
    if (reason === 'ILLNESS') illnessOn = afterYears(frame, on, ILLNESS_PER_YEAR);
    if (reason === 'OTHER') otherOn = afterYears(frame, on, OTHER_CHANGE_PER_YEAR);
    let assignedOn = on;
    if (reason !== 'PLANNED_HANDOVER' && random.chance(FALLBACK_TO_WAITLIST)) {
      // Back to the duty desk: exactly what the fixed-protector norm forbids (seed 003, ch. 4).
      const entryId = seededUuid(random);
      assignedOn = plusDays(on, random.int(5, 30));
      const wait = draft.make(on, { type: 'PlaceOnWaitlist', data: { entryId, waitingFor: 'PROTECTOR', since: on, reason: 'CAPACITY' } });
      if (wait) yield wait;
      const left = draft.make(assignedOn, { type: 'LeaveWaitlist', data: { entryId, leftOn: assignedOn, outcome: 'PROTECTOR_ASSIGNED' } });
      if (left) yield left;
    }
    if (lastDay < assignedOn) return;
    const next = successor(frame, current, assignedOn);
    const step = assignment(frame, next, assignedOn, reason);
    if (step) yield step;
    current = next;
  }
}
