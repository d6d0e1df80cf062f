import { randomUUID } from 'node:crypto';
import {
  addDays,
  type BusinessDate,
  EXPLAINABLE_NORMS,
  HELP_TYPES,
  INSTITUTIONS,
  MEASURE_TYPES,
  minDate,
  municipalitiesOn,
  WAITLIST_OUTCOMES,
  WAITLIST_REASONS,
} from '@app/domain';
import type { SeededRandom } from '../random/seeded-random';
import type { BenchTokens } from '../service/tokens';
import type { CaseModel, CasePool } from './case-pool';
import type { PlannedRequest } from './load-run';

/**
 * The realistic command mix: new measures (POST /cases) and the next steps of running cases - assignments,
 * plans, waiting-list entries and exits, help starts, explanations - each valid for the case it goes to, dated
 * between the pronouncement and today, sent by a protector of the case's institution. Corrections, retractions,
 * extensions and ends are left out: they need event ids or end a case, and are rare in the work.
 */

type StepKind = 'open' | 'assign' | 'plan' | 'waitlist' | 'exit' | 'help' | 'explain';

/** Shares of the mix; an exit falls back to a help start when the case has no open entry. */
const WEIGHTS: ReadonlyArray<[StepKind, number]> = [
  ['open', 15],
  ['assign', 15],
  ['plan', 15],
  ['waitlist', 15],
  ['exit', 10],
  ['help', 15],
  ['explain', 15],
];

const ROUTE: Record<StepKind, string> = {
  open: 'POST /cases',
  assign: 'POST /cases/{id}/guardian-assignments',
  plan: 'POST /cases/{id}/plans',
  waitlist: 'POST /cases/{id}/waitlist-entries',
  exit: 'POST /cases/{id}/waitlist-exits',
  help: 'POST /cases/{id}/help-starts',
  explain: 'POST /cases/{id}/explanations',
};

export const COMMAND_MIX_DESCRIPTION = WEIGHTS.map(([kind, weight]) => `${weight}% ${ROUTE[kind]}`).join(', ');

export interface MixFailure {
  route: string;
  status: number;
  count: number;
  /** The first answer of this kind, shortened: enough to see which rule refused it. */
  sample: string;
}

export class CommandMix {
  private opened = 0;
  private readonly failures = new Map<string, MixFailure>();
  private readonly totalWeight = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

  constructor(
    private readonly pool: CasePool,
    private readonly tokens: BenchTokens,
    private readonly random: SeededRandom,
    private readonly today: BusinessDate,
  ) {}

  failureSummary(): MixFailure[] {
    return [...this.failures.values()];
  }

  next(): PlannedRequest {
    const kind = this.pickKind();
    const model = kind === 'open' ? undefined : this.pool.checkout();
    if (!model) return this.openCase();
    const effective = kind === 'exit' && model.openEntries.length === 0 ? 'help' : kind;
    return this.step(effective as Exclude<StepKind, 'open'>, model);
  }

  private pickKind(): StepKind {
    let roll = this.random.int(1, this.totalWeight);
    for (const [kind, weight] of WEIGHTS) {
      roll -= weight;
      if (roll <= 0) return kind;
    }
    return 'open';
  }

  private openCase(): PlannedRequest {
    const n = (this.opened += 1);
    const pronouncedOn = addDays(this.today, -this.random.int(0, 60));
    const model: CaseModel = {
      caseId: randomUUID(),
      institution: this.random.pick(INSTITUTIONS),
      pronouncedOn,
      assignmentCount: 0,
      openEntries: [],
    };
    const body = {
      caseId: model.caseId,
      childRef: `bench-child-${n}`,
      familyRef: `bench-family-${this.random.int(1, Math.max(1, n))}`,
      municipalityCode: this.random.pick(municipalitiesOn(pronouncedOn)).code,
      institution: model.institution,
      measureType: this.random.pick(MEASURE_TYPES),
      pronouncedOn,
      giNotifiedOn: minDate(addDays(pronouncedOn, this.random.int(0, 3)), this.today),
      endsOn: addDays(pronouncedOn, 365),
    };
    return this.request('open', model, '/cases', body, () => this.pool.add(model));
  }

  private step(kind: Exclude<StepKind, 'open'>, model: CaseModel): PlannedRequest {
    const on = (from: BusinessDate = model.pronouncedOn) => this.random.dateBetween(from, this.today);
    const path = (route: string) => `/cases/${model.caseId}/${route}`;
    switch (kind) {
      case 'assign': {
        const reason = model.assignmentCount === 0 ? 'INITIAL' : this.random.pick(['PLANNED_HANDOVER', 'TURNOVER', 'ILLNESS'] as const);
        const body = { protectorRef: `bench-prot-${this.random.int(1, 400)}`, team: 'intake', assignedOn: on(), reason };
        return this.request(kind, model, path('guardian-assignments'), body, () => (model.assignmentCount += 1));
      }
      case 'plan': {
        const participants = this.random.pick([['CHILD', 'PARENTS'], ['PARENTS', 'LOCAL_TEAM'], ['CHILD', 'PARENTS', 'NETWORK'], ['PROVIDER']]);
        return this.request(kind, model, path('plans'), { agreedOn: on(), participants, goals: ['safe at home', 'school attendance'] });
      }
      case 'waitlist': {
        const since = on();
        const body = {
          waitingFor: this.random.chance(0.8) ? 'HELP' : 'PROTECTOR',
          since,
          helpType: this.random.pick(HELP_TYPES),
          provider: `prov-${this.random.int(1, 120)}`,
          reason: this.random.pick(WAITLIST_REASONS),
        };
        return this.request(kind, model, path('waitlist-entries'), body, (answer) => {
          model.openEntries.push({ entryId: (JSON.parse(answer) as { entryId: string }).entryId, since });
        });
      }
      case 'exit': {
        const entry = model.openEntries[this.random.int(0, model.openEntries.length - 1)];
        const body = { entryId: entry.entryId, leftOn: on(entry.since), outcome: this.random.pick(WAITLIST_OUTCOMES) };
        return this.request(kind, model, path('waitlist-exits'), body, () => {
          model.openEntries = model.openEntries.filter((open) => open !== entry);
        });
      }
      case 'help':
        return this.request(kind, model, path('help-starts'), { startedOn: on(), helpType: this.random.pick(HELP_TYPES), provider: `prov-${this.random.int(1, 120)}`, bridging: this.random.chance(0.1) });
      case 'explain':
        return this.request(kind, model, path('explanations'), { norm: this.random.pick(EXPLAINABLE_NORMS), explainedOn: on(), reason: 'no capacity at the provider' });
    }
  }

  /** The request, and what its answer means for the case: applied and back in the pool, or dropped. */
  private request(kind: StepKind, model: CaseModel, path: string, body: object, applied: (answer: string) => void = () => undefined): PlannedRequest {
    return {
      method: 'POST',
      path,
      headers: { authorization: `Bearer ${this.tokens.protector[model.institution]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      settle: (status, answer) => {
        if (status === 201) {
          applied(answer);
          if (kind !== 'open') this.pool.add(model);
          return;
        }
        const key = `${ROUTE[kind]} ${status}`;
        const failure = this.failures.get(key) ?? { route: ROUTE[kind], status, count: 0, sample: answer.slice(0, 300) };
        failure.count += 1;
        this.failures.set(key, failure);
      },
    };
  }
}
