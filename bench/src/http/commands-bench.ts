import type { BusinessDate } from '@app/domain';
import type { CaseCatalog } from '../data/case-catalog';
import type { SeededRandom } from '../random/seeded-random';
import { type Figure, figure } from '../report/figures';
import { progress } from '../report/progress';
import type { ApiProcess } from '../service/api-process';
import type { BenchTokens } from '../service/tokens';
import { CasePool } from './case-pool';
import { COMMAND_MIX_DESCRIPTION, CommandMix, type MixFailure } from './command-mix';
import { runLoad } from './load-run';
import { awaitReadModels } from './read-model-lag';
import { type RequestTally, tally } from './request-log';

/**
 * Commands over HTTP at fixed concurrency: throughput and latency of the command mix on the profile's running
 * cases (and the cases the mix opens), each level a separate autocannon run after an unmeasured warm-up. Each
 * run starts with the read models caught up, and how far they fell behind it is measured after it.
 */

export const CONCURRENCY_LEVELS = [1, 8, 32] as const;

export interface CommandsOutcome {
  figures: Figure[];
  tallies: RequestTally[];
  failures: MixFailure[];
  /** Running profile cases the mix started from. */
  startingCases: number;
}

export interface CommandsPlan {
  warmupSeconds: number;
  secondsPerLevel: number;
}

export async function benchCommands(
  api: ApiProcess,
  catalog: CaseCatalog,
  tokens: BenchTokens,
  random: SeededRandom,
  today: BusinessDate,
  plan: CommandsPlan,
): Promise<CommandsOutcome> {
  const pool = new CasePool(random);
  for (const model of catalog.running) pool.add(model);
  const mix = new CommandMix(pool, tokens, random, today);
  const outcome: CommandsOutcome = { figures: [], tallies: [], failures: [], startingCases: pool.size };

  const warmup = await runLoad({ url: api.url, connections: 8, duration: plan.warmupSeconds, next: () => mix.next() });
  outcome.tallies.push(tally('commands', 'warm-up (not measured)', warmup));
  await awaitReadModels(api.url);

  for (const connections of CONCURRENCY_LEVELS) {
    const result = await runLoad({ url: api.url, connections, duration: plan.secondsPerLevel, next: () => mix.next() });
    progress('commands', `c=${connections}: ${result.successPerSecond.toFixed(0)} 2xx/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms, non-2xx ${result.non2xx}`);
    outcome.tallies.push(tally('commands', `c=${connections}`, result));
    const lag = await awaitReadModels(api.url);
    progress('commands', `c=${connections}: read models ${lag.secondsBehindAtEnd.toFixed(1)} s (${lag.eventsBehindAtEnd} events) behind at the end, caught up ${lag.catchUpSeconds.toFixed(1)} s later`);
    const how =
      `autocannon, ${connections} connection(s) with one request in flight each, ${plan.secondsPerLevel} s after a ${plan.warmupSeconds} s warm-up at 8; ` +
      `mix: ${COMMAND_MIX_DESCRIPTION}; every request a valid next step for its case (checked out from a pool of ` +
      `${outcome.startingCases} running profile cases plus the ones the mix opens, no two requests on one case at once), protector tokens of the case's institution; ` +
      'service: the compiled api on the profile\'s data (SQLite store, synchronous=FULL; in-process projection runner; info logs to /dev/null); ' +
      'load generator and service are separate processes on the same 2 cores';
    const note = `c=${connections}, ${plan.secondsPerLevel} s, ${result.ok2xx} ok / ${result.non2xx} non-2xx`;
    const spec = (key: string, label: string, unit: string, what: string) => ({ key: `commands.c${connections}.${key}`, part: 'commands' as const, label: `commands c=${connections} ${label}`, unit, note, method: `${what}; ${how}` });
    outcome.figures.push(figure(spec('successPerSecond', 'throughput', 'req/s', '2xx answers / run duration'), result.successPerSecond));
    if (result.latencyMs.count > 0) {
      for (const p of ['p50', 'p95', 'p99'] as const) {
        outcome.figures.push(figure(spec(`${p}Ms`, `latency ${p}`, 'ms', `${p} (nearest rank) of autocannon response times of the 2xx answers`), result.latencyMs[p]));
      }
    }
    const lagHow = 'GET /health readModels (its status is cached up to 250 ms), read as the run ended and then every 100 ms';
    outcome.figures.push(figure(spec('readModelsSecondsBehind', 'read models behind at end', 's', `readModels.secondsBehind (age of the oldest event not yet projected) as the run ended; ${lagHow}`), lag.secondsBehindAtEnd));
    outcome.figures.push(figure(spec('readModelsCatchUpSeconds', 'read models caught up after', 's', `time from the run's end until readModels.caughtUp; ${lagHow}`), lag.catchUpSeconds));
  }
  outcome.failures = mix.failureSummary();
  return outcome;
}
