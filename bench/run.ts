import { BenchArgsError, parseBenchArgs } from './src/cli/bench-args';
import { writeBenchResult } from './src/report/bench-result';
import { progress } from './src/report/progress';
import { renderTable } from './src/report/table';
import { runBench } from './src/run-bench';

/**
 * `npm run bench -- [--profile rijnmond-year|rijnmond-decade|national-decade] [--seed n] [--only parts] [--smoke]
 * [--data-from events.sqlite] [--out dir] [--skip-build]`: progress on stderr, the table on stdout, the JSON
 * under bench/results. Exit code 1 when a check failed, a run measured mostly refusals, or a part failed.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgsError || error instanceof TypeError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  const result = await runBench(args);
  const files = writeBenchResult(args.out, result);
  process.stdout.write(renderTable(result));
  progress('done', `${result.ok ? 'ok' : 'FAILED'}; wrote ${files.join(', ')}`);
  return result.ok ? 0 : 1;
}

void main().then((code) => process.exit(code));
