import { stringify } from 'csv-stringify/sync';

/** Rows of flat records as RFC 4180 CSV with a header line; nested objects are flattened as a.b columns. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const flat = rows.map((row) => flatten(row));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  return stringify(flat, { header: true, columns, cast: { boolean: (value) => String(value) } });
}

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) Object.assign(out, flatten(child as Record<string, unknown>, name));
    else out[name] = child ?? '';
  }
  return out;
}
