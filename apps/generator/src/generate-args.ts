import { isProfileName, PROFILE_NAMES, type ProfileName } from '@app/case-generator';
import { CliArgumentError, parseCliArgs } from '../../api/src/audit/cli-args';

export const GENERATE_USAGE =
  `usage: npm run generate -- --profile <${PROFILE_NAMES.join(' | ')}> --seed <n> [--append] [--workers <n>] [--limit <cases>]` +
  ' [--via api [--url <base url>] [--token <bearer token>] [--concurrency <requests>]]';

export type GenerateArgs = {
  profile: ProfileName;
  seed: number;
  append: boolean;
  /** Only the first n cases of the run (the same as in a full run). */
  limit?: number;
} & ({ via: 'bulk'; workers?: number } | { via: 'api'; url: string; token?: string; concurrency: number });

const wholeNumber = (name: string, raw: string, min: number, max: number): number => {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliArgumentError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
};

/** `--help` gives 'help'; anything wrong throws CliArgumentError naming the argument at fault. */
export function parseGenerateArgs(argv: string[]): GenerateArgs | 'help' {
  const { values, positionals } = parseCliArgs(argv, {
    profile: { type: 'string' },
    seed: { type: 'string' },
    via: { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
    append: { type: 'boolean' },
    workers: { type: 'string' },
    limit: { type: 'string' },
    concurrency: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new CliArgumentError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values.profile === undefined) throw new CliArgumentError('--profile is required');
  if (!isProfileName(values.profile)) throw new CliArgumentError(`--profile must be one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(values.profile)}`);
  if (values.seed === undefined) throw new CliArgumentError('--seed is required');
  const seed = wholeNumber('seed', values.seed, 0, 2 ** 31 - 1);
  const limit = values.limit === undefined ? undefined : wholeNumber('limit', values.limit, 1, 10_000_000);
  const common = { profile: values.profile, seed, append: values.append === true, limit };
  const via = values.via ?? 'bulk';
  if (via === 'bulk') {
    for (const name of ['url', 'token', 'concurrency'] as const) {
      if (values[name] !== undefined) throw new CliArgumentError(`--${name} goes with --via api`);
    }
    // Left out, the generator chooses by the size of the run (see generateIntoStore).
    const workers = values.workers === undefined ? undefined : wholeNumber('workers', values.workers, 0, 64);
    return { ...common, via, workers };
  }
  if (via !== 'api') throw new CliArgumentError(`--via must be api (or left out for the bulk path), got ${JSON.stringify(via)}`);
  if (values.workers !== undefined) throw new CliArgumentError('--workers goes with the bulk path');
  const url = values.url ?? 'http://127.0.0.1:3000';
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new CliArgumentError(`--url must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (values.token !== undefined && values.token.trim() === '') throw new CliArgumentError('--token must not be empty');
  const concurrency = values.concurrency === undefined ? 8 : wholeNumber('concurrency', values.concurrency, 1, 256);
  return { ...common, via, url: url.replace(/\/+$/, ''), token: values.token, concurrency };
}
