/**
 * The canonical serialization the integrity hashes are computed over: one byte sequence for one JSON value,
 * whatever order its keys were built or parsed in, so that an event hashed when it was appended hashes the same
 * after a round trip through any event store (SQLite keeps JSON text, EventStoreDB its own JSON bytes).
 *
 * It is RFC 8785 (JSON Canonicalization Scheme) restricted to the value space events use:
 * - null, true, false as in JSON;
 * - strings as JSON.stringify writes them (the shortest JSON escapes: \" \\ \b \f \n \r \t, other control
 *   characters as \u00XX, everything else literal) — RFC 8785's rule; a lone surrogate, which RFC 8785 refuses,
 *   is written as a \uDXXX escape, as JSON.stringify does, so that it is still one well-defined string;
 * - finite numbers as ECMAScript's Number#toString writes them (RFC 8785 prescribes exactly that algorithm;
 *   -0 becomes 0); NaN and the infinities are refused, JSON has no way to write them;
 * - arrays in their order; objects with their members sorted by key, compared as UTF-16 code units (RFC 8785's
 *   order, and what JavaScript's < does on strings);
 * - no whitespace anywhere; the result is hashed as UTF-8.
 *
 * Members whose value is undefined are left out, because JSON.stringify leaves them out of what is stored: the
 * hash must be over what the store will hand back. Anything else outside the value space (undefined in an array
 * or at the top, functions, symbols, bigints, objects with a toJSON such as Date, whose stored form is not
 * their own members) throws, rather than be hashed in a form the store would not reproduce.
 */
export class NotCanonicalizableError extends TypeError {
  override readonly name = 'NotCanonicalizableError';
}

export function canonicalize(value: unknown): string {
  return write(value, []);
}

/**
 * Where in the value the writer is, as the keys and indexes that lead there: pushed and popped as it walks, and
 * spelled out ("$.data.list[1]") only for an error message, so that no path is built for a value that is fine.
 */
type Trail = Array<string | number>;

const pathOf = (trail: Trail): string =>
  trail.reduce<string>((path, step) => (typeof step === 'number' ? `${path}[${step}]` : `${path}.${step}`), '$');

function write(value: unknown, trail: Trail): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalizableError(`${pathOf(trail)}: ${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item, index) => writeAt(item, index, trail)).join(',')}]`;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        throw new NotCanonicalizableError(`${pathOf(trail)}: an object with toJSON (such as a Date) is not plain JSON`);
      }
      return writeObject(value as Record<string, unknown>, trail);
    default:
      throw new NotCanonicalizableError(`${pathOf(trail)}: a ${typeof value} is not a JSON value`);
  }
}

function writeAt(value: unknown, step: string | number, trail: Trail): string {
  trail.push(step);
  const written = write(value, trail);
  trail.pop();
  return written;
}

function writeObject(object: Record<string, unknown>, trail: Trail): string {
  // Array#sort without a comparator compares strings by UTF-16 code units: RFC 8785's order.
  const keys = Object.keys(object).sort();
  let written = '{';
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    written += `${written.length > 1 ? ',' : ''}${JSON.stringify(key)}:${writeAt(member, key, trail)}`;
  }
  return `${written}}`;
}
