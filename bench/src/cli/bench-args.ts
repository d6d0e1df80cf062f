import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Part, PARTS } from '../report/figures';
import { REPO_ROOT } from '../proc/child-runtime';

/**
 * `npm run bench -- [--profile rijnmond-year|rijnmond-decade|national-decade] [--seed n] [--only parts]
 * [--smoke] [--data-from events.sqlite] [--out dir] [--skip-build]`
 */

/** The profiles of `npm run generate`, with the years their window spans (the KPI queries' period). */
export const BENCH_PROFILES = {
  'rijnmond-year': { years: 1 },
  'rijnmond-decade': { years: 10 },
  'national-decade': { years: 10 },
} as const;
export type BenchProfile = keyof typeof BENCH_PROFILES;

export interface BenchArgs {
  profile: BenchProfile;
  seed: number;
  parts: ReadonlySet<Part>;
  smoke: boolean;
  /** Bench an existing events.sqlite (copied) instead of generating the profile. */
  dataFrom?: string;
  out: string;
  skipBuild: boolean;
}

export class BenchArgsError extends Error {}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string', default: 'rijnmond-year' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'data-from': { type: 'string' },
      out: { type: 'string', default: resolve(REPO_ROOT, 'bench', 'results') },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const profile = values.profile as string;
  if (!Object.prototype.hasOwnProperty.call(BENCH_PROFILES, profile)) {
    throw new BenchArgsError(`--profile must be one of ${Object.keys(BENCH_PROFILES).join(', ')}`);
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new BenchArgsError('--seed must be a whole number, 0 or more');
  const only = values.only?.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = only?.filter((part) => !(PARTS as readonly string[]).includes(part)) ?? [];
  if (unknown.length > 0) throw new BenchArgsError(`--only: unknown part(s) ${unknown.join(', ')}; parts are ${PARTS.join(', ')}`);
  return {
    profile: profile as BenchProfile,
    seed,
    parts: new Set((only ?? PARTS) as Part[]),
    smoke: values.smoke as boolean,
    dataFrom: values['data-from'] ? resolve(values['data-from']) : undefined,
    out: resolve(values.out as string),
    skipBuild: values['skip-build'] as boolean,
  };
}
