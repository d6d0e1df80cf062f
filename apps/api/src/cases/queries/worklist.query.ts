import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { INSTITUTIONS, addDays, daysBetween, type Institution } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import type { Kysely } from 'kysely';
import { activeCasesOn } from '../../kpi/active-segments';
import { ReadModelQueryDto } from '../../kpi/kpi-query.dto';
import { Omittable, PseudonymousRef } from '../steps/validators';
import { applyDecorators } from '@nestjs/common';

export const WORKLIST_STATES = ['pending', 'notMet'] as const;
type WorklistState = (typeof WORKLIST_STATES)[number];

const OptionalInt = (description: string, min: number, max: number) =>
  applyDecorators(ApiPropertyOptional({ description, minimum: min, maximum: max }), Omittable(), Type(() => Number), IsInt(), Min(min), Max(max));

export class WorklistQueryDto extends ReadModelQueryDto {
  @Omittable()
  @PseudonymousRef('Only cases this protector currently holds')
  protectorRef?: string;

  @ApiPropertyOptional({ enum: INSTITUTIONS, description: 'Protectors always see their own institution only' })
  @Omittable()
  @IsIn(INSTITUTIONS)
  institution?: Institution;

  @ApiPropertyOptional({ enum: WORKLIST_STATES, description: 'pending: deadline to come; notMet: deadline missed. Default both' })
  @Omittable()
  @IsIn(WORKLIST_STATES)
  state?: WorklistState;

  @OptionalInt('Pending deadlines within this many days from today (missed ones are always listed)', 0, 3650)
  dueWithinDays?: number;

  @OptionalInt('Page, from 1', 1, 100000)
  page?: number;

  @OptionalInt('Items per page', 1, 500)
  pageSize?: number;
}

export interface WorklistItem {
  caseId: string;
  institution: string | null;
  protectorRef: string | null;
  childRef: string | null;
  norm: 'protector' | 'plan' | 'help';
  state: WorklistState;
  deadline: string;
  daysUntilDeadline: number;
}

const NORMS = [
  { norm: 'protector', state: 'protector', deadline: 'protector_deadline' },
  { norm: 'plan', state: 'plan', deadline: 'plan_deadline' },
  { norm: 'help', state: 'help', deadline: 'help_deadline' },
] as const;

/**
 * What the worklist reads of each active segment: the case's institution and child are copied onto its segments
 * (migration 0008), so no case is looked up in case_summaries.
 */
const WORKLIST_COLUMNS = [
  'institution', 'protector_ref', 'child_ref', 'protector', 'plan', 'help', 'protector_deadline', 'plan_deadline', 'help_deadline',
] as const;

type WorklistFilter = { institution?: string; protectorRef?: string; state?: WorklistState; dueWithinDays?: number };

/** The segments holding on `today` of the cases with an active measure, of the institution and protector asked. */
export const worklistSegmentsOn = (db: Kysely<ReadModelSchema>, today: string, filter: WorklistFilter) =>
  activeCasesOn(db, today, WORKLIST_COLUMNS)
    .$if(filter.institution !== undefined, (q) => q.where('s.institution', '=', filter.institution as string))
    .$if(filter.protectorRef !== undefined, (q) => q.where('s.protector_ref', '=', filter.protectorRef as string))
    .select(['s.case_id', ...WORKLIST_COLUMNS.map((column) => `s.${column}` as const)]);

/**
 * A protector's worklist on `today`: every norm with a deadline that is coming (pending, within the window)
 * or missed (notMet, no explanation yet), soonest deadline first. Explained, met and not-applicable norms need
 * no action and are left out. The cases with a measure active today come from the length-class indexes
 * (active-segments.ts), as for the "on a date" KPIs: nationally a protector's worklist took 1.7 s when it found
 * them by valid_from alone, which every segment of ten years before today matches. One protector's come from
 * the index of each protector's active segments (migration 0015), which SQLite picks for the protector's
 * filter: nationally 0.8 ms.
 */
export async function worklist(
  db: Kysely<ReadModelSchema>,
  today: string,
  filter: WorklistFilter,
): Promise<WorklistItem[]> {
  const rows = await worklistSegmentsOn(db, today, filter).execute();
  const horizon = filter.dueWithinDays === undefined ? undefined : addDays(today, filter.dueWithinDays);
  const items: WorklistItem[] = [];
  for (const row of rows) {
    for (const { norm, state: stateColumn, deadline: deadlineColumn } of NORMS) {
      const state = row[stateColumn];
      const deadline = row[deadlineColumn];
      if ((state !== 'pending' && state !== 'notMet') || deadline === null) continue;
      if (filter.state !== undefined && state !== filter.state) continue;
      if (state === 'pending' && horizon !== undefined && deadline > horizon) continue;
      items.push({
        caseId: row.case_id,
        institution: row.institution,
        protectorRef: row.protector_ref,
        childRef: row.child_ref,
        norm,
        state,
        deadline,
        daysUntilDeadline: daysBetween(today, deadline),
      });
    }
  }
  return items.sort((a, b) => (a.deadline !== b.deadline ? (a.deadline < b.deadline ? -1 : 1) : a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.norm < b.norm ? -1 : 1));
}
