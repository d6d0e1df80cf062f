/**
 * Ends every switch on an event or command type: adding a type to a union without handling it becomes a
 * compile error, and a value that slips past the types (an unknown type read from the log) fails loudly.
 */
export const assertNever = (value: never, what = 'value'): never => {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
};
