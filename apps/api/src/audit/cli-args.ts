import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in a CLI's arguments: the CLI prints the message on one line with its usage and exits with code 2. */
export class CliArgumentError extends Error {
  override readonly name = 'CliArgumentError';
}

export const CASE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** node:util parseArgs, strict, with positionals; its multi-line messages cut to the first line, which names the problem. */
export function parseCliArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new CliArgumentError((error as Error).message.split('\n')[0]);
  }
}
