import { type ChainVerdict, verifyChain } from '@app/domain/integrity';
import type { EventStore } from '@app/event-store';
import { ACCESS_STREAM_PREFIX } from './access-record';

/** A month of the access log, as its stream is named: YYYY-MM (UTC). */
export const ACCESS_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface AccessChainVerdict extends ChainVerdict {
  month: string;
  streamId: string;
}

/** Recomputes the chain of one month's access records, as GET /cases/{id}/verify does for a case. */
export async function verifyAccessMonth(store: EventStore, month: string): Promise<AccessChainVerdict> {
  const streamId = `${ACCESS_STREAM_PREFIX}${month}`;
  const events = await store.readStream(streamId);
  const verdict = verifyChain(events.map((event) => ({ ...event, position: String(event.position) })));
  return { month, streamId, ...verdict };
}

/** Every month the access log has records in, oldest first (walks the log: for the command line). */
export async function accessMonthsInLog(store: EventStore): Promise<string[]> {
  const months = new Set<string>();
  for await (const event of store.readAll({ streamPrefix: ACCESS_STREAM_PREFIX })) months.add(event.streamId.slice(ACCESS_STREAM_PREFIX.length));
  return [...months].sort();
}
