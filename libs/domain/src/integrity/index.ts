/**
 * Tamper evidence for event streams (issue 4, point 3): a canonical serialization, the hash of an event chained to
 * the previous event of its stream, and the check of a whole chain. Pure: no I/O, no clock (see event-hash.ts for
 * why node:crypto's digest counts as pure). Imported as @app/domain/integrity.
 */
export { canonicalize, NotCanonicalizableError } from './canonical-json';
export {
  INTEGRITY_ALG,
  INTEGRITY_FIELD,
  eventHash,
  sealEvent,
  sealOf,
  withoutSeal,
  type HashableEvent,
  type IntegritySeal,
} from './event-hash';
export {
  sealCaseEvents,
  type CaseEventMetadata,
  type Recording,
  type RecordingActor,
  type SealedCaseEvent,
} from './case-event-metadata';
export { verifyChain, type BrokenLink, type ChainBreakReason, type ChainEvent, type ChainVerdict } from './verify-chain';
