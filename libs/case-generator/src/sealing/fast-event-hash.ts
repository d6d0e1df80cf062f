import { hash } from 'node:crypto';
import { eventHash, type HashableEvent, INTEGRITY_FIELD, NotCanonicalizableError } from '@app/domain/integrity';

/**
 * eventHash, faster. Sealing is the dearest part of generating an event: the domain's canonicalize is written
 * for clarity (it keeps the path to every value, for its error messages, and builds strings per member) and
 * costs more than deciding the event. This writer produces the same canonical JSON - RFC 8785 on the events' value space, as
 * libs/domain/src/integrity/canonical-json.ts defines it: keys sorted by UTF-16 code units, strings as
 * JSON.stringify writes them, finite numbers only, undefined members left out, anything else refused - without
 * the paths. The domain's function stays the reference: `checkedEventHash` compares the two on a sample of
 * events and stops the run on any difference, the tests compare them on whole generated logs, and
 * `npm run verify` recomputes every chain with the domain's own code.
 */

// What JSON.stringify would escape (quotes, backslashes, control characters), and surrogates: for those, let it.
const NEEDS_STRINGIFY = /["\\\u0000-\u001f\ud800-\udfff]/;

const quote = (text: string): string => (NEEDS_STRINGIFY.test(text) ? JSON.stringify(text) : `"${text}"`);

function write(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalizableError(`${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + write(value[i]);
        return `${out}]`;
      }
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        throw new NotCanonicalizableError('an object with toJSON (such as a Date) is not plain JSON');
      }
      return writeObject(value as Record<string, unknown>, undefined);
    }
    default:
      throw new NotCanonicalizableError(`a ${typeof value} is not a JSON value`);
  }
}

function writeObject(object: Record<string, unknown>, skip: string | undefined): string {
  // Array#sort without a comparator orders strings by UTF-16 code units, as the domain's comparator does.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || key === skip) continue;
    out += `${first ? '' : ','}${quote(key)}:${write(member)}`;
    first = false;
  }
  return `${out}}`;
}

const METADATA_KEYS = 'eventId,schemaVersion,recordedAt,actor,correlationId,causationId';
const METADATA_KEYS_SEALED = `${METADATA_KEYS},${INTEGRITY_FIELD}`;

/**
 * The metadata of a generated event, canonically: its members are known (the api's, see sealCaseEvents), so
 * they are written in their sorted order directly; anything else takes the general path.
 */
function writeMetadata(metadata: Record<string, unknown>): string {
  const keys = Object.keys(metadata).join(',');
  const actor = metadata.actor as Record<string, unknown> | undefined;
  if (
    (keys !== METADATA_KEYS && keys !== METADATA_KEYS_SEALED) ||
    typeof actor !== 'object' ||
    actor === null ||
    Object.keys(actor).join(',') !== 'sub,role,institution' ||
    typeof actor.institution !== 'string' ||
    typeof metadata.schemaVersion !== 'number'
  ) {
    return writeObject(metadata, INTEGRITY_FIELD);
  }
  return (
    `{"actor":{"institution":${write(actor.institution)},"role":${write(actor.role)},"sub":${write(actor.sub)}},` +
    `"causationId":${write(metadata.causationId)},"correlationId":${write(metadata.correlationId)},` +
    `"eventId":${write(metadata.eventId)},"recordedAt":${write(metadata.recordedAt)},"schemaVersion":${write(metadata.schemaVersion)}}`
  );
}

/** SHA-256 over the canonical `{previous, streamId, revision, eventId, type, data, metadata}`, as eventHash. */
export function fastEventHash(previous: string | null, event: HashableEvent): string {
  // The members in their sorted order: data, eventId, metadata, previous, revision, streamId, type.
  const content =
    `{"data":${write(event.data)},"eventId":${quote(event.eventId)},` +
    `"metadata":${writeMetadata(event.metadata)},"previous":${previous === null ? 'null' : quote(previous)},` +
    `"revision":${write(event.revision)},"streamId":${quote(event.streamId)},"type":${quote(event.type)}}`;
  return hash('sha256', content, 'hex');
}

export class HashMismatchError extends Error {
  override readonly name = 'HashMismatchError';
}

/** fastEventHash, compared with the domain's eventHash on every `every`-th call. */
export function checkedEventHash(every = 1024): (previous: string | null, event: HashableEvent) => string {
  let calls = 0;
  return (previous, event) => {
    const hash = fastEventHash(previous, event);
    calls += 1;
    if (calls % every === 1 || every === 1) {
      const reference = eventHash(previous, event);
      if (reference !== hash) {
        throw new HashMismatchError(`sealing differs from the domain's eventHash for event ${event.eventId} (${event.type})`);
      }
    }
    return hash;
  };
}
