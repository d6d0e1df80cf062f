import { randomUUID } from 'node:crypto';
import { status, type handleServerStreamingCall, type ServerWritableStream } from '@grpc/grpc-js';
import type { DoubleLog, LoggedEvent } from './log';
import { caughtUp, confirmation, streamName, streamNotFound } from './messages';
import type { ReadReq, ReadResp } from './protos';
import type { DoubleStats } from './stats';
import { encodeEventResponse } from './wire';

type Options = NonNullable<ReturnType<ReadReq['getOptions']>>;
/** Events go out as encoded ReadResp bytes (wire.ts), the other answers as messages; see server.ts. */
type Call = ServerWritableStream<ReadReq, ReadResp | Buffer>;
interface Position {
  commit: bigint;
  prepare: bigint;
}

const BACKWARDS = 1;

/** Orders an event against a requested {commit, prepare} position (the double's events have commit == prepare). */
const compare = (event: LoggedEvent, position: Position): number => {
  if (event.position !== position.commit) return event.position < position.commit ? -1 : 1;
  if (event.position !== position.prepare) return event.position < position.prepare ? -1 : 1;
  return 0;
};

/** The stream-name or event-type filter of a $all read or subscription (prefixes, or a regex). */
function eventFilter(options: Options): (event: LoggedEvent) => boolean {
  const filter = options.getFilter();
  if (!options.hasFilter() || !filter) return () => true;
  const byStream = filter.hasStreamIdentifier();
  const expression = byStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return () => true;
  const field = (event: LoggedEvent): string => (byStream ? event.streamId : event.type);
  const regex = expression.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(field(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
}

/**
 * Writes the responses with back-pressure, as a server streams: a read of the whole log is serialised while the
 * client consumes it, instead of all of it at once in one synchronous loop (which also held every message in
 * memory and stalled the event loop past the client's keepalive timeout).
 */
async function writeAll(call: Call, events: Iterable<LoggedEvent>, respond: (event: LoggedEvent) => Buffer): Promise<void> {
  for (const event of events) {
    if (call.cancelled) return;
    if (!call.write(respond(event))) {
      await new Promise<void>((resolve) => {
        const resume = (): void => {
          call.off('drain', resume);
          call.off('cancelled', resume);
          resolve();
        };
        call.on('drain', resume);
        call.on('cancelled', resume);
      });
    }
  }
}

/**
 * The events from `start` on that pass `matches`, at most `count` of them, without copying the log. The end is
 * fixed when the read begins: events appended while it streams are not part of it.
 */
function* forwards(events: readonly LoggedEvent[], start: number, matches: (event: LoggedEvent) => boolean, count: number): Generator<LoggedEvent> {
  const end = events.length;
  let sent = 0;
  for (let i = start; i < end && sent < count; i += 1) {
    if (!matches(events[i])) continue;
    sent += 1;
    yield events[i];
  }
}

/** The first index whose event is at or after `position` (the log is ordered by position). */
function firstAtOrAfter(events: readonly LoggedEvent[], position: Position): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(events[middle], position) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

async function readStream(call: Call, log: DoubleLog, options: Options, knownPositions: boolean): Promise<void> {
  const stream = options.getStream();
  const name = streamName(stream?.getStreamIdentifier());
  const events = log.stream(name);
  if (!stream || !events) {
    call.write(streamNotFound(name));
    return;
  }
  const count = Number(options.getCount());
  let selected: readonly LoggedEvent[];
  if (options.getReadDirection() === BACKWARDS) {
    const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasStart() ? 0 : events.length - 1;
    selected = events.slice(0, from + 1).reverse();
  } else {
    const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? events.length : 0;
    selected = events.slice(from);
  }
  await writeAll(call, selected.slice(0, count), (event) => encodeEventResponse(event, knownPositions));
}

async function readAll(call: Call, log: DoubleLog, options: Options): Promise<void> {
  const all = options.getAll();
  const raw = all?.getPosition();
  const position = raw ? { commit: BigInt(raw.getCommitPosition()), prepare: BigInt(raw.getPreparePosition()) } : undefined;
  const matches = eventFilter(options);
  const count = Number(options.getCount());
  const events = log.all();
  if (options.getReadDirection() === BACKWARDS) {
    if (all?.hasStart()) return;
    const selected = events.filter((event) => !position || compare(event, position) < 0).reverse();
    await writeAll(call, selected.filter(matches).slice(0, count), (event) => encodeEventResponse(event));
    return;
  }
  if (all?.hasEnd()) return;
  const start = position ? firstAtOrAfter(events, position) : 0;
  await writeAll(call, forwards(events, start, matches, count), (event) => encodeEventResponse(event));
}

/** Confirmation, history after the start point (exclusive), caught-up, then live events until cancelled. */
function subscribe(call: Call, log: DoubleLog, options: Options, knownPositions: boolean): void {
  let matches: (event: LoggedEvent) => boolean;
  let history: readonly LoggedEvent[];
  const stream = options.getStream();
  if (stream) {
    const name = streamName(stream.getStreamIdentifier());
    const events = log.stream(name) ?? [];
    const after = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? events.length - 1 : -1;
    matches = (event) => event.streamId === name;
    history = events.filter((event) => event.revision > after);
  } else {
    const all = options.getAll();
    const raw = all?.getPosition();
    const position = raw ? { commit: BigInt(raw.getCommitPosition()), prepare: BigInt(raw.getPreparePosition()) } : undefined;
    matches = eventFilter(options);
    history = all?.hasEnd() ? [] : log.all().filter((event) => (!position || compare(event, position) > 0) && matches(event));
  }
  const send = (event: LoggedEvent): void => {
    if (!call.cancelled) call.write(encodeEventResponse(event, knownPositions || !stream));
  };
  call.write(confirmation(randomUUID()));
  history.forEach(send);
  call.write(caughtUp());
  const unsubscribe = log.onAppended((events) => events.filter(matches).forEach(send));
  call.on('cancelled', unsubscribe);
  call.on('close', unsubscribe);
}

/** Streams/Read: stream and $all reads in both directions, and catch-up subscriptions to a stream or $all. */
export const readHandler =
  (log: DoubleLog, stats: DoubleStats, legacyStreamPositions: boolean): handleServerStreamingCall<ReadReq, ReadResp | Buffer> =>
  (call) => {
    stats.readCalls += 1;
    const options = call.request.getOptions();
    if (!options || (!options.hasStream() && !options.hasAll())) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'ReadReq needs stream or all options' });
      return;
    }
    if (options.hasSubscription()) {
      subscribe(call, log, options, !legacyStreamPositions);
      return;
    }
    const read = options.hasStream() ? readStream(call, log, options, !legacyStreamPositions) : readAll(call, log, options);
    read.then(
      () => call.end(),
      (error: Error) => call.emit('error', { code: status.INTERNAL, details: error.message }),
    );
  };
