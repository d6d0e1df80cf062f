import type { LoggedEvent, Expected, AppendOutcome, ProposedEvent } from './log';
import { anyPb, emptyPb, sharedPb, statusPb, streamsPb, type ReadResp, type StreamIdentifier } from './protos';

/** Message builders and readers shared by the handlers. 64-bit numbers travel as decimal strings. */

export const NO_POSITION = '18446744073709551615'; // uint64 -1: what the server sends when it knows no position
const FAILED_PRECONDITION = 9;

export const streamName = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export function streamIdentifier(name: string): StreamIdentifier {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
  return identifier;
}

interface ProposedMessageLike {
  getId(): { getString(): string } | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export const fromProposed = (message: ProposedMessageLike): ProposedEvent => ({
  eventId: message.getId()?.getString() ?? '',
  type: message.getMetadataMap().get('type') ?? '',
  contentType: message.getMetadataMap().get('content-type') ?? 'application/octet-stream',
  data: message.getData_asU8(),
  metadata: message.getCustomMetadata_asU8(),
});

/** A ReadResp carrying one event. `knownPosition: false` mimics older servers on stream reads. */
export function eventResponse(event: LoggedEvent, knownPosition = true): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(event.eventId);
  recorded.setId(id);
  recorded.setStreamIdentifier(streamIdentifier(event.streamId));
  recorded.setStreamRevision(String(event.revision));
  recorded.setCommitPosition(knownPosition ? String(event.position) : NO_POSITION);
  recorded.setPreparePosition(knownPosition ? String(event.position) : NO_POSITION);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', String(event.created));
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  const readEvent = new streamsPb.ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  if (knownPosition) readEvent.setCommitPosition(String(event.position));
  else readEvent.setNoPosition(new sharedPb.Empty());
  const response = new streamsPb.ReadResp();
  response.setEvent(readEvent);
  return response;
}

export function streamNotFound(name: string): ReadResp {
  const notFound = new streamsPb.ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(name));
  const response = new streamsPb.ReadResp();
  response.setStreamNotFound(notFound);
  return response;
}

export function confirmation(subscriptionId: string): ReadResp {
  const confirmed = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmed.setSubscriptionId(subscriptionId);
  const response = new streamsPb.ReadResp();
  response.setConfirmation(confirmed);
  return response;
}

export function caughtUp(): ReadResp {
  const response = new streamsPb.ReadResp();
  response.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
  return response;
}

/** Streams/Append answer: success, or wrong_expected_version inside the response (not a gRPC error). */
export function appendResponse(outcome: AppendOutcome, expected: Expected) {
  const response = new streamsPb.AppendResp();
  if (outcome.ok) {
    const success = new streamsPb.AppendResp.Success();
    if (outcome.current === undefined) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(String(outcome.current));
    if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
    else {
      const position = new streamsPb.AppendResp.Position();
      position.setCommitPosition(String(outcome.position));
      position.setPreparePosition(String(outcome.position));
      success.setPosition(position);
    }
    response.setSuccess(success);
    return response;
  }
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(String(outcome.current));
  if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
  if (expected.kind === 'any') wrong.setExpectedAny(new sharedPb.Empty());
  if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
  if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
  response.setWrongExpectedVersion(wrong);
  return response;
}

/** Streams/BatchAppend failure: a google.rpc.Status packing event_store.client.WrongExpectedVersion. */
export function wrongExpectedVersionStatus(current: number | undefined, expected: Expected) {
  const wrong = new sharedPb.WrongExpectedVersion();
  if (current === undefined) wrong.setCurrentNoStream(new emptyPb.Empty());
  else wrong.setCurrentStreamRevision(String(current));
  if (expected.kind === 'revision') wrong.setExpectedStreamPosition(String(expected.revision));
  if (expected.kind === 'any') wrong.setExpectedAny(new emptyPb.Empty());
  if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new emptyPb.Empty());
  if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new emptyPb.Empty());
  const details = new anyPb.Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  const status = new statusPb.Status();
  status.setCode(FAILED_PRECONDITION);
  status.setMessage('Wrong expected version');
  status.setDetails(details);
  return status;
}
