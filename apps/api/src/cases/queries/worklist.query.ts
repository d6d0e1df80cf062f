import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { INSTITUTIONS, addDays, daysBetween, type Institution } from '@app/domain';
import type { ReadModelSchema } from '@app/read-models';
import type { Kysely } from 'kysely';
import { casesOn } from '../../kpi/segment-at';
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
 * A protector's worklist on `today`: every norm with a deadline that is coming (pending, within the window)
 * or missed (notMet, no explanation yet), soonest deadline first. Explained, met and not-applicable norms need
 * no action and are left out.
 */
export async function worklist(
  db: Kysely<ReadModelSchema>,
  today: string,
  filter: { institution?: string; protectorRef?: string; state?: WorklistState; dueWithinDays?: number },
): Promise<WorklistItem[]> {
  const rows = await casesOn(db, today)
    .where('s.measure_active', '=', 1)
    .$if(filter.institution !== undefined, (q) => q.where('c.institution', '=', filter.institution as string))
    .$if(filter.protectorRef !== undefined, (q) => q.where('s.protector_ref', '=', filter.protectorRef as string))
    .select(['c.case_id', 'c.institution', 's.protector_ref', 'c.child_ref', 's.protector', 's.plan', 's.help', 's.protector_deadline', 's.plan_deadline', 's.help_deadline'])
    .execute();
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
