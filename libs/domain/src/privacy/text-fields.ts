import { containsBsn } from './bsn-scanner';

/**
 * Identifiers the system generates (UUIDs): they are not written by people and are not scanned. A random UUID
 * holds a nine-digit run passing the eleven-test now and then, and refusing it would be a false alarm.
 */
export const SYSTEM_ID_FIELDS: ReadonlySet<string> = new Set([
  'caseId',
  'entryId',
  'correctsEventId',
  'retractsEventId',
]);

export interface TextField {
  /** The request field, named as the HTTP layer names it: dotted, array items by index ("data.goals.2"). */
  field: string;
  text: string;
}

/** Every string in a command's data (objects and arrays walked), with its field path; system ids skipped. */
export function* textFields(value: unknown, path = ''): Generator<TextField> {
  if (typeof value === 'string') {
    yield { field: path, text: value };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) yield* textFields(value[i], path ? `${path}.${i}` : String(i));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SYSTEM_ID_FIELDS.has(key)) continue;
      yield* textFields(item, path ? `${path}.${key}` : key);
    }
  }
}

/** The first field (in the data's own order) whose text holds a number passing the BSN eleven-test. */
export const findTextWithBsn = (value: unknown, path = ''): TextField | undefined => {
  for (const field of textFields(value, path)) if (containsBsn(field.text)) return field;
  return undefined;
};
