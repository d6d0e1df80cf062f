import type { Kysely } from 'kysely';
import type { StoredEvent } from '@app/event-store';
import type { ReadModelSchema } from '../database/read-model-schema';
import { claimPosition, claimUpTo } from './checkpoints';
import type { Projection } from './projection';
import { type RetryPolicy, withTransientRetry } from './transient-errors';

export type ApplyOutcome = 'applied' | 'duplicate' | 'unknown-type';

/**
 * A projection threw on an event: the runner stops on it rather than skip it and leave a read model wrong.
 * Applied in a batch, the error names the batch's first event and its size.
 */
export class ProjectionApplyError extends Error {
  constructor(
    readonly projection: string | undefined,
    readonly event: Pick<StoredEvent, 'position' | 'streamId' | 'type' | 'eventId'>,
    override readonly cause: unknown,
    readonly batchSize = 1,
  ) {
    super(
      `Projection ${projection ?? '(checkpoint)'} failed on ${batchSize > 1 ? `a batch of ${batchSize} events from ` : ''}` +
        `${event.type} at position ${event.position} ` +
        `(stream ${event.streamId}, event ${event.eventId}): ${(cause as Error)?.message ?? String(cause)}`,
    );
    this.name = 'ProjectionApplyError';
  }
}

export interface ApplyEventOptions {
  db: Kysely<ReadModelSchema>;
  projections: readonly Projection[];
  event: StoredEvent;
  known: boolean;
  now: () => Date;
  retry?: RetryPolicy;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * One event, one transaction: claim each projection's checkpoint (the position guard), then apply the event to
 * the projections that had not seen it. Rows and checkpoints commit together or not at all, so an event is
 * applied exactly once however often it is delivered. An event of an unknown type still moves the
 * checkpoints: it is skipped for good, not retried forever.
 */
export async function applyEvent(options: ApplyEventOptions): Promise<ApplyOutcome> {
  const { db, projections, event, known, now } = options;
  let current: string | undefined;
  try {
    return await withTransientRetry(
      () =>
        db.transaction().execute(async (trx) => {
          current = undefined;
          const due: Projection[] = [];
          for (const projection of projections) {
            if (await claimPosition(trx, projection.name, event.position, now())) due.push(projection);
          }
          if (due.length === 0) return 'duplicate';
          if (!known) return 'unknown-type';
          for (const projection of due) {
            current = projection.name;
            await projection.apply(trx, event);
          }
          return 'applied';
        }),
      options.retry,
      options.onRetry,
    );
  } catch (error) {
    throw new ProjectionApplyError(current, event, error);
  }
}

export interface ApplyEventsOptions extends Omit<ApplyEventOptions, 'event' | 'known'> {
  /** In log order. */
  events: readonly StoredEvent[];
  isKnown: (type: string) => boolean;
}

/**
 * Events that arrived together, in one transaction: for each projection the checkpoint moves to the last
 * event, and the events after its previous checkpoint are applied (applyBatch when it has one, which is the
 * same as apply for each in order). One commit instead of one per event is what keeps the live runner off the
 * event loop when commands come in concurrently. Exactly once as applyEvent: rows and checkpoints commit
 * together, and events at or below a checkpoint are left out.
 */
export async function applyEvents(options: ApplyEventsOptions): Promise<void> {
  const { db, projections, events, isKnown, now } = options;
  if (events.length === 0) return;
  const last = events[events.length - 1].position;
  let current: string | undefined;
  try {
    await withTransientRetry(
      () =>
        db.transaction().execute(async (trx) => {
          current = undefined;
          for (const projection of projections) {
            const claim = await claimUpTo(trx, projection.name, last, now());
            if (!claim) continue; // no checkpoint row: applyEvent's claim would not have applied it either
            const due = events.filter((event) => (claim.before === null || event.position > claim.before) && isKnown(event.type));
            if (due.length === 0) continue;
            current = projection.name;
            if (projection.applyBatch) await projection.applyBatch(trx, due);
            else for (const event of due) await projection.apply(trx, event);
          }
        }),
      options.retry,
      options.onRetry,
    );
  } catch (error) {
    throw new ProjectionApplyError(current, events[0], error, events.length);
  }
}
