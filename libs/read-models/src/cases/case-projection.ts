import type { Transaction } from 'kysely';
import { evolve, initialCaseState, isCaseEventType, type RecordedCaseEvent } from '@app/domain';
import { CASE_STREAM_PREFIX, type StoredEvent } from '@app/event-store';
import type { ReadModelSchema, ReadModelTableName } from '../database/read-model-schema';
import type { Projection } from '../runtime/projection';
import { type CaseChange, type CaseView, parseCaseState, recordedAtOf } from './case-change';
import { caseSummaryView } from './case-summary-view';
import { stepRegistrationsView } from './step-registrations-view';
import { statusSegmentsView } from './status-segments-view';
import { waitlistView } from './waitlist-view';

export const CASE_VIEWS: readonly CaseView[] = [caseSummaryView, waitlistView, stepRegistrationsView, statusSegmentsView];

/**
 * The case read models. The case state is evolved once per event with the domain's own `evolve` (so
 * corrections and retractions mean here exactly what they mean to the decider) and kept in
 * case_summaries.state_json, so the next event needs one row read instead of the whole stream. Every view is
 * written from the same before/after pair in the same transaction, so the tables never disagree.
 */
export class CaseProjection implements Projection {
  readonly name = 'case-read-models';
  readonly tables: readonly ReadModelTableName[];

  constructor(private readonly views: readonly CaseView[] = CASE_VIEWS) {
    // case_summaries holds the state every view starts from, so it is always part of the projection.
    this.tables = [...new Set<ReadModelTableName>(['case_summaries', ...views.flatMap((view) => view.tables)])];
  }

  async apply(trx: Transaction<ReadModelSchema>, event: StoredEvent): Promise<void> {
    if (!event.streamId.startsWith(CASE_STREAM_PREFIX) || !isCaseEventType(event.type)) return;
    const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
    const row = await trx
      .selectFrom('case_summaries')
      .select(['state_json', 'recorded_first_at'])
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    const before = row ? parseCaseState(row.state_json) : initialCaseState;
    // The store hands back what the api validated on append; evolve trusts it as the decider's fold does.
    const caseEvent = { type: event.type, data: event.data, eventId: event.eventId } as RecordedCaseEvent;
    const change: CaseChange = {
      caseId,
      event,
      caseEvent,
      before,
      after: evolve(before, caseEvent),
      recordedFirstAt: row?.recorded_first_at ?? recordedAtOf(event),
    };
    for (const view of this.views) await view.write(trx, change);
  }
}
