import { type BrokenLink, type ChainEvent, type ChainVerdict, INTEGRITY_ALG, verifyChain } from '@app/domain/integrity';
import { caseStreamId } from '@app/event-store';
import type { CaseChain } from './case-chain.reader';

/** How each event's hash is made, stated in every export so that it can be checked with other tools than ours. */
export const HASH_INPUT =
  'metadata.integrity.hash = lower-case hex SHA-256 of the UTF-8 canonical JSON (RFC 8785: keys sorted, no ' +
  'whitespace) of {previous, streamId, revision, eventId, type, data, metadata}, where previous is the hash of ' +
  'the event before it in the stream (null for the first) and metadata is the event metadata without integrity';

export interface ExportedEvent {
  position: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** GET /cases/{caseId}/export: the whole stream as stored, with the chain as verified at export time. */
export interface CaseExport {
  caseId: string;
  streamId: string;
  exportedAt: string;
  alg: typeof INTEGRITY_ALG;
  hashInput: string;
  events: ExportedEvent[];
  /** head: the hash the chain ends in; keep it apart from the file to show later that nothing was cut off. */
  chain: { ok: boolean; head: string | null; firstBroken: BrokenLink | null };
}

export function caseExport(chain: CaseChain, exportedAt: string): CaseExport {
  const { verdict } = chain;
  return {
    caseId: chain.caseId,
    streamId: caseStreamId(chain.caseId),
    exportedAt,
    alg: INTEGRITY_ALG,
    hashInput: HASH_INPUT,
    events: chain.events.map(({ position, revision, eventId, type, data, metadata }) => ({
      position: String(position),
      revision,
      eventId,
      type,
      data,
      metadata,
    })),
    chain: { ok: verdict.ok, head: verdict.head, firstBroken: verdict.firstBroken },
  };
}

/** A file that is not a case export at all (as opposed to an export whose chain does not hold). */
export class NotAnExportError extends Error {
  override readonly name = 'NotAnExportError';
}

export interface ExportVerdict {
  caseId: string;
  exportedAt: unknown;
  /** The chain recomputed from the events in the file. */
  verdict: ChainVerdict;
  /** The head the file states; when the recomputed chain holds, it must end there. */
  statedHead: unknown;
  /** The chain holds and ends in the stated head: no event altered, removed, added or reordered. */
  ok: boolean;
}

/**
 * Offline check of an export: recomputes the chain from the events in the file alone (the stream id follows
 * from the case id: the hash binds every event to its case) and compares its end with the stated head, which
 * catches events cut off at the end — the one removal a chain cannot show by itself. Nothing the file says
 * about its own verification (chain.ok) is trusted.
 */
export function verifyExport(document: unknown): ExportVerdict {
  const doc = document as Partial<Record<keyof CaseExport, unknown>> | null;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || typeof doc.caseId !== 'string' || !Array.isArray(doc.events)) {
    throw new NotAnExportError('not a case export: expected a JSON object with a caseId and an events array');
  }
  if (doc.alg !== INTEGRITY_ALG) throw new NotAnExportError(`unsupported alg ${JSON.stringify(doc.alg)}: only ${INTEGRITY_ALG} is known`);
  const streamId = caseStreamId(doc.caseId);
  // Loose per event on purpose: an edited file with a missing field must come out as a broken link, not as
  // "not an export". Whatever JSON.parse gives can be canonicalized, so nothing here throws.
  const events = doc.events.map((raw: unknown) => {
    const event = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ExportedEvent>;
    const metadata = typeof event.metadata === 'object' && event.metadata !== null && !Array.isArray(event.metadata) ? event.metadata : {};
    const chainEvent: ChainEvent = {
      streamId,
      revision: event.revision as number,
      eventId: event.eventId as string,
      type: event.type as string,
      data: event.data,
      metadata,
      position: String(event.position),
    };
    return chainEvent;
  });
  const verdict = verifyChain(events);
  const statedHead = (doc.chain as { head?: unknown } | undefined)?.head;
  return { caseId: doc.caseId, exportedAt: doc.exportedAt, verdict, statedHead, ok: verdict.ok && statedHead === verdict.head };
}
