import type { LoggedEvent } from './log';

/**
 * The ReadResp carrying one event, encoded straight to protobuf bytes: the same bytes as
 * `eventResponse(event, knownPosition).serializeBinary()` (messages.ts; test/event-store/esdb-double-wire.spec.ts compares the two),
 * without building six google-protobuf objects per event and converting every field back out of them. Stream
 * reads and $all reads send these; the read method's serializer passes bytes through (server.ts).
 *
 * ReadResp { 1: ReadEvent { 1: RecordedEvent, 3: commit_position | 4: no_position (Empty) } }
 * RecordedEvent { 1: UUID { 2: string }, 2: StreamIdentifier { 3: bytes }, 3: stream_revision, 4: prepare_position,
 *   5: commit_position, 6: map<string, string> metadata (entries in key order, as google-protobuf writes them),
 *   7: custom_metadata, 8: data }; uint64 fields equal to 0 and empty bytes are left out, as proto3 does.
 */
export function encodeEventResponse(event: LoggedEvent, knownPosition = true): Buffer {
  const position = knownPosition ? Number(event.position) : undefined;
  if (position !== undefined && !Number.isSafeInteger(position)) throw new RangeError(`position ${event.position} too large`);
  const positionSize = position === undefined ? NO_POSITION_VARINT.length : varintSize(position);
  const writesPosition = position !== 0; // proto3 leaves a zero uint64 out of RecordedEvent
  const created = String(event.created);
  // Map entries in key order: content-type < created < type.
  const entries: Array<[string, string]> = [['content-type', event.contentType], ['created', created], ['type', event.type]];
  const entrySizes = entries.map(([key, value]) => delimited(Buffer.byteLength(key)) + delimited(Buffer.byteLength(value)));
  const idSize = Buffer.byteLength(event.eventId);
  const uuidSize = delimited(idSize);
  const nameSize = Buffer.byteLength(event.streamId);
  const identifierSize = nameSize > 0 ? delimited(nameSize) : 0;
  const recordedSize =
    delimited(uuidSize) +
    delimited(identifierSize) +
    (event.revision !== 0 ? 1 + varintSize(event.revision) : 0) +
    (writesPosition ? 2 * (1 + positionSize) : 0) +
    entrySizes.reduce((sum, size) => sum + delimited(size), 0) +
    (event.metadata.length > 0 ? delimited(event.metadata.length) : 0) +
    (event.data.length > 0 ? delimited(event.data.length) : 0);
  const readEventSize = delimited(recordedSize) + (position !== undefined ? 1 + positionSize : delimited(0));
  const out = Buffer.allocUnsafe(delimited(readEventSize));
  let at = 0;
  const tag = (field: number, wireType: number): void => {
    out[at++] = (field << 3) | wireType;
  };
  const length = (field: number, size: number): void => {
    tag(field, LENGTH_DELIMITED);
    at = writeVarint(out, at, size);
  };
  const text = (field: number, value: string): void => {
    length(field, Buffer.byteLength(value));
    at += out.write(value, at, 'utf8');
  };
  const bytes = (field: number, value: Uint8Array): void => {
    length(field, value.length);
    out.set(value, at);
    at += value.length;
  };
  const positionField = (field: number): void => {
    tag(field, VARINT);
    if (position === undefined) {
      out.set(NO_POSITION_VARINT, at);
      at += NO_POSITION_VARINT.length;
    } else at = writeVarint(out, at, position);
  };

  length(1, readEventSize); // ReadResp.event
  length(1, recordedSize); // ReadEvent.event
  length(1, uuidSize); // RecordedEvent.id
  text(2, event.eventId); // UUID.string
  length(2, identifierSize); // RecordedEvent.stream_identifier
  if (nameSize > 0) text(3, event.streamId); // StreamIdentifier.stream_name
  if (event.revision !== 0) {
    tag(3, VARINT);
    at = writeVarint(out, at, event.revision);
  }
  if (writesPosition) {
    positionField(4); // prepare_position
    positionField(5); // commit_position
  }
  entries.forEach(([key, value], index) => {
    length(6, entrySizes[index]);
    text(1, key);
    text(2, value);
  });
  if (event.metadata.length > 0) bytes(7, event.metadata);
  if (event.data.length > 0) bytes(8, event.data);
  if (position !== undefined) positionField(3); // ReadEvent.commit_position
  else length(4, 0); // ReadEvent.no_position (Empty)
  if (at !== out.length) throw new Error(`encoded ${at} of ${out.length} bytes`);
  return out;
}

const VARINT = 0;
const LENGTH_DELIMITED = 2;
/** uint64 -1 (NO_POSITION) as a varint. */
const NO_POSITION_VARINT = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);

/** Bytes of a length-delimited field of `size` bytes with a one-byte tag (field numbers below 16). */
const delimited = (size: number): number => 1 + varintSize(size) + size;

function varintSize(value: number): number {
  let size = 1;
  for (let rest = value; rest >= 128; rest = Math.floor(rest / 128)) size += 1;
  return size;
}

function writeVarint(out: Buffer, offset: number, value: number): number {
  let at = offset;
  let rest = value;
  while (rest >= 128) {
    out[at++] = (rest % 128) | 0x80;
    rest = Math.floor(rest / 128);
  }
  out[at++] = rest;
  return at;
}
