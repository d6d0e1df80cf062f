import { type BusinessDate, type Institution, isAfter, type MeasureType } from '@app/domain';
import { earlier, plusDays } from './days';
import type { RecordingActor } from '@app/domain/integrity';
import { timeOrderedUuid } from '../ids';
import type { Random } from '../random';
import type { Profile } from '../profiles';
import { CaseDraft, type EmitContext, type PlannedStep, type ScheduledStep } from './case-draft';
import { type CaseFrame, protectorActor } from './case-frame';
import { correctionsOf } from './plan-corrections';
import { planCourse } from './plan-course';
import { planHelp } from './plan-help';
import { planProtector } from './plan-protector';
import type { TermPlan } from './plan-term';

/** One measure of one child: one case, one stream. */
export interface MeasureSpec {
  measureType: MeasureType;
  institution: Institution;
  municipalityCode: string;
  childRef: string;
  familyRef: string;
  pronouncedOn: BusinessDate;
  age: number;
  term: TermPlan;
}

/**
 * A case as planned, played out step by step: the next step is planned only when the one before it is taken,
 * so a running case holds little more than its state.
 */
export class CaseScript {
  readonly caseId: string;
  private following: ScheduledStep | undefined;

  constructor(
    /** Orders cases whose steps are recorded at the same millisecond: intrinsic, so any partitioning of a run agrees. */
    readonly key: number,
    readonly institution: Institution,
    readonly measureType: MeasureType,
    readonly pronouncedOn: BusinessDate,
    /** The day the measure ends (possibly after the horizon: then it is still running in the log). */
    readonly endsOn: BusinessDate,
    private readonly draft: CaseDraft | undefined,
    private readonly context: EmitContext | undefined,
  ) {
    this.following = draft && context ? draft.emit(context) : undefined;
    this.caseId = draft?.caseId ?? '';
  }

  /** The next step; undefined when nothing more of the case is in the log. */
  get upcoming(): ScheduledStep | undefined {
    return this.following;
  }

  take(): ScheduledStep | undefined {
    const step = this.following;
    this.following = step === undefined ? undefined : this.draft!.emit(this.context!);
    return step;
  }

  /** Whether a later correction or retraction is about the step with this index (known once it is taken). */
  isTarget(index: number): boolean {
    return this.draft?.targets?.has(index) ?? false;
  }
}

const EXTENSION_REASON_OTHERWISE = [['GOALS_NOT_MET', 0.85], ['OTHER', 0.15]] as const;

/** Court decisions mostly reach the GI the same or the next day, sometimes late (seed 003, norm 1). */
const drawNotification = (random: Random, pronouncedOn: BusinessDate): BusinessDate =>
  plusDays(pronouncedOn, random.weighted<number>([[0, 0.55], [1, 0.3], [random.int(2, 4), 0.1], [random.int(5, 12), 0.05]]));

/** Extensions and the end, as the case gets there (an OTS may run for years). */
function* termSteps({ random, draft }: CaseFrame, term: TermPlan, helpOn: BusinessDate | undefined): Generator<PlannedStep> {
  for (const { extendedOn, newEndsOn } of term.extensions) {
    const reason = helpOn === undefined || isAfter(helpOn, extendedOn) ? 'HELP_NOT_STARTED' : random.weighted(EXTENSION_REASON_OTHERWISE);
    const extension = draft.make(extendedOn, { type: 'ExtendMeasure', data: { extendedOn, newEndsOn, reason } });
    if (extension) yield extension;
  }
  const end = draft.make(term.end.endedOn, { type: 'EndMeasure', data: { endedOn: term.end.endedOn, reason: term.end.reason } });
  if (end) yield end;
}

/**
 * Plans one case: the measure, its course, protectors, help, extensions and end, then the mistakes and their
 * corrections - each concern by its own planner, all into one draft that orders them in time.
 */
export const planCase = (random: Random, key: number, spec: MeasureSpec, profile: Profile): CaseScript => {
  const { term, institution, measureType, pronouncedOn } = spec;
  const giNotifiedOn = drawNotification(random, pronouncedOn);
  const lastDay = earlier(term.end.endedOn, profile.horizon);
  const draft = new CaseDraft(random, lastDay);
  const frame: CaseFrame = {
    random,
    draft,
    measureType,
    institution,
    municipalityCode: spec.municipalityCode,
    pronouncedOn,
    giNotifiedOn,
    age: spec.age,
    lastDay,
    endsOnLastDay: !isAfter(term.end.endedOn, profile.horizon),
    scale: profile.scale,
  };
  // The GI's registration desk records the court's decision, mostly within a few days.
  const desk: RecordingActor = protectorActor(institution, `${institution}-desk-${random.int(1, 3)}`);
  const imposed = draft.add(
    giNotifiedOn,
    {
      type: 'ImposeMeasure',
      data: {
        caseId: '', // made from the moment the case is registered (see EmitContext.caseIdAt)
        childRef: spec.childRef,
        familyRef: spec.familyRef,
        municipalityCode: spec.municipalityCode,
        institution,
        measureType,
        pronouncedOn,
        giNotifiedOn,
        ...(term.endsOn ? { endsOn: term.endsOn } : {}),
      },
    },
    { actor: desk, lagDays: random.weighted<number>([[0, 0.6], [random.int(1, 3), 0.35], [random.int(4, 10), 0.05]]) },
  );
  // Notified after the horizon (or, rarely, after a provisional measure already ended): not a case in the log.
  if (!imposed) return new CaseScript(key, institution, measureType, pronouncedOn, term.end.endedOn, undefined, undefined);
  const firstPlanOn = planCourse(frame);
  planProtector(frame, firstPlanOn, term.extensions.map((e) => e.extendedOn));
  const helpOn = planHelp(frame, firstPlanOn);
  draft.follow(termSteps(frame, term, helpOn));
  return new CaseScript(key, institution, measureType, pronouncedOn, term.end.endedOn, draft, {
    horizon: profile.horizon,
    desk,
    protectorActor: (ref) => protectorActor(institution, ref),
    caseIdAt: (registeredAt) => timeOrderedUuid(registeredAt, random),
    onEmit: correctionsOf(frame),
  });
};
