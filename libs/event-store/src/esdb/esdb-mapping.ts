import {
  ANY,
  NO_STREAM,
  START,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { ExpectedRevision, LogStart, StoredEvent } from '../event-store.port';

/*
 * Positions. EventStoreDB positions are {commit, prepare} byte offsets in its transaction file. Every event
 * appended through gRPC is committed by itself (an implicit transaction), so its commit and prepare positions are
 * equal and unique: the port's bigint position is the commit position, and a bigint handed back to the adapter is
 * sent as {commit: p, prepare: p}. Events from legacy explicit TCP transactions (commit != prepare) are not
 * supported by this mapping.
 */
const NO_POSITION = 18446744073709551615n; // what the server sends (uint64 -1) when it does not know a position

export const toEsdbExpected = (expected: ExpectedRevision): AppendExpectedRevision => {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
};

export const fromEsdbCurrent = (current: CurrentRevision): number | 'no_stream' =>
  current === NO_STREAM ? 'no_stream' : Number(current);

export const toEsdbPosition = (position: bigint): Position => ({ commit: position, prepare: position });

export const toReadPosition = (from: LogStart | undefined): ReadPosition =>
  from === undefined || from === 'start' ? START : toEsdbPosition(from);

const known = (value: bigint | undefined): bigint | undefined =>
  value === undefined || value === NO_POSITION || value < 0n ? undefined : value;

/**
 * The event's global position. Reads of $all always carry it; stream reads carry it on servers that know the
 * event committed itself (recent versions), older servers send "no position" there and we fall back to the
 * prepare position (equal to the commit position for implicit transactions), or -1n if that is missing too.
 */
export function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint | undefined {
  const position = resolved.event?.position;
  return known(position?.commit) ?? known(resolved.commitPosition) ?? known(position?.prepare);
}

/** The port's view of a recorded event; undefined for records without an event (unresolvable links). */
export function toStoredEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const metadata = event.metadata;
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: positionOf(resolved) ?? -1n,
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: isRecord(metadata) ? metadata : {},
    storedAt: event.created,
  };
}

/** System streams ($-prefixed: $stats, $scavenges, link streams...) are EventStoreDB's own, not the service's. */
export const isSystemStream = (streamId: string): boolean => streamId.startsWith('$');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
