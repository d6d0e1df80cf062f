import { status, type handleBidiStreamingCall, type handleClientStreamingCall } from '@grpc/grpc-js';
import type { DoubleLog, Expected, ProposedEvent } from './log';
import { appendResponse, fromProposed, streamIdentifier, streamName, wrongExpectedVersionStatus } from './messages';
import { emptyPb, sharedPb, streamsPb, type AppendReq, type AppendResp, type BatchAppendReq, type BatchAppendResp } from './protos';
import type { DoubleStats } from './stats';

type AppendOptions = NonNullable<ReturnType<AppendReq['getOptions']>>;
type BatchOptions = NonNullable<ReturnType<BatchAppendReq['getOptions']>>;

const appendExpected = (options: AppendOptions): Expected => {
  if (options.hasRevision()) return { kind: 'revision', revision: Number(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

const batchExpected = (options: BatchOptions): Expected => {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: Number(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
};

/** Streams/Append: client streaming, one options message then the events; one answer at the end. */
export const appendHandler =
  (log: DoubleLog, stats: DoubleStats): handleClientStreamingCall<AppendReq, AppendResp> =>
  (call, callback) => {
    stats.appendCalls += 1;
    let options: AppendOptions | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      const message = request.getProposedMessage();
      if (request.hasOptions()) options = request.getOptions();
      else if (message) proposed.push(fromProposed(message));
    });
    call.on('end', () => {
      if (!options) {
        callback({ code: status.INVALID_ARGUMENT, details: 'The first AppendReq must carry options' });
        return;
      }
      const expected = appendExpected(options);
      const outcome = log.append(streamName(options.getStreamIdentifier()), expected, proposed);
      callback(null, appendResponse(outcome, expected));
    });
  };

interface PendingBatch {
  options?: BatchOptions;
  proposed: ProposedEvent[];
}

/**
 * Streams/BatchAppend: one long-lived bidirectional call; each append is one or more requests sharing a
 * correlation id (options in the first, is_final on the last) and gets exactly one answer with that id.
 */
export const batchAppendHandler =
  (log: DoubleLog, stats: DoubleStats): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> =>
  (call) => {
    const pending = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId?.getString() ?? '';
      const batch = pending.get(key) ?? { proposed: [] };
      pending.set(key, batch);
      if (request.hasOptions()) batch.options = request.getOptions();
      batch.proposed.push(...request.getProposedMessagesList().map(fromProposed));
      if (!request.getIsFinal()) return;
      pending.delete(key);
      if (!batch.options) {
        call.emit('error', { code: status.INVALID_ARGUMENT, details: 'The first BatchAppendReq must carry options' });
        return;
      }
      stats.batchAppends += 1;
      call.write(batchResponse(log, batch.options, batch.proposed, correlationId));
    });
    call.on('end', () => call.end());
  };

function batchResponse(
  log: DoubleLog,
  options: BatchOptions,
  proposed: ProposedEvent[],
  correlationId: ReturnType<BatchAppendReq['getCorrelationId']>,
): BatchAppendResp {
  const name = streamName(options.getStreamIdentifier());
  const expected = batchExpected(options);
  const outcome = log.append(name, expected, proposed);
  const response = new streamsPb.BatchAppendResp();
  response.setCorrelationId(correlationId);
  response.setStreamIdentifier(streamIdentifier(name));
  if (expected.kind === 'revision') response.setStreamPosition(String(expected.revision));
  if (expected.kind === 'no_stream') response.setNoStream(new emptyPb.Empty());
  if (expected.kind === 'any') response.setAny(new emptyPb.Empty());
  if (expected.kind === 'stream_exists') response.setStreamExists(new emptyPb.Empty());
  if (!outcome.ok) {
    response.setError(wrongExpectedVersionStatus(outcome.current, expected));
    return response;
  }
  const success = new streamsPb.BatchAppendResp.Success();
  if (outcome.current === undefined) success.setNoStream(new emptyPb.Empty());
  else success.setCurrentRevision(String(outcome.current));
  if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
  else {
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(String(outcome.position));
    position.setPreparePosition(String(outcome.position));
    success.setPosition(position);
  }
  response.setSuccess(success);
  return response;
}
