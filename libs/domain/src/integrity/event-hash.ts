import { hash } from 'node:crypto';
import { canonicalize } from './canonical-json';

/*
 * Why node:crypto may be used in the pure domain: the domain is kept free of I/O, clocks and randomness so that
 * everything in it is a deterministic function of its arguments. A SHA-256 digest is exactly that — computation
 * only, no state, no environment — and Node's is the FIPS-validated OpenSSL one; writing our own would add risk
 * and nothing else. Keeping the hash here, next to the canonical form and the chain rule, means the api, the
 * CLI and an offline check of an export cannot drift apart on what "the hash of an event" is.
 */

export const INTEGRITY_ALG = 'sha256';

/** The name of the metadata member that carries an event's seal. */
export const INTEGRITY_FIELD = 'integrity';

/** What each case event's metadata carries under `integrity`. */
export interface IntegritySeal {
  alg: typeof INTEGRITY_ALG;
  /** The hash of the previous event of the stream; null for the stream's first event. */
  previous: string | null;
  /** This event's hash: see eventHash. */
  hash: string;
}

/** What of an event is sealed: everything that says what was recorded, where in its stream, and how. */
export interface HashableEvent {
  streamId: string;
  /** 0-based revision in the stream. */
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  /** The event's metadata; its `integrity` member, if present, is left out of the hash. */
  metadata: Record<string, unknown>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * SHA-256 (lower-case hex) over the canonical serialization of
 * `{previous, streamId, revision, eventId, type, data, metadata}`, metadata without its `integrity` member: the
 * seal cannot contain its own hash, and its other parts are the previous hash (hashed at the top, where it links
 * the chain) and the algorithm (which selects this function). The global log position is not sealed: the store
 * assigns it only at commit, after the hash has been computed.
 */
export function eventHash(previous: string | null, event: HashableEvent): string {
  const content = {
    previous,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: withoutSeal(event.metadata),
  };
  // The one-shot hash (a string is hashed as UTF-8): no Hash object per event.
  return hash('sha256', canonicalize(content), 'hex');
}

/** The seal for an event about to be appended after an event whose hash is `previous`. */
export function sealEvent(previous: string | null, event: HashableEvent): IntegritySeal {
  return { alg: INTEGRITY_ALG, previous, hash: eventHash(previous, event) };
}

/** The metadata without its seal: what eventHash covers. */
export function withoutSeal(metadata: Record<string, unknown>): Record<string, unknown> {
  const { [INTEGRITY_FIELD]: _seal, ...rest } = metadata;
  return rest;
}

/** The seal an event's metadata carries, or undefined when there is none or it is not a well-formed one. */
export function sealOf(metadata: Record<string, unknown> | undefined): IntegritySeal | undefined {
  const seal = metadata?.[INTEGRITY_FIELD] as Partial<IntegritySeal> | undefined;
  if (typeof seal !== 'object' || seal === null) return undefined;
  if (seal.alg !== INTEGRITY_ALG || typeof seal.hash !== 'string' || !SHA256_HEX.test(seal.hash)) return undefined;
  if (seal.previous !== null && (typeof seal.previous !== 'string' || !SHA256_HEX.test(seal.previous))) return undefined;
  return { alg: seal.alg, previous: seal.previous, hash: seal.hash };
}
