import { runCommand } from '../proc/run-command';

/** `npx nest build api`: the service and the rebuild CLI the bench runs are the compiled ones under dist/. */
export async function buildService(): Promise<number> {
  const nest = require.resolve('@nestjs/cli/bin/nest.js');
  const run = await runCommand(process.execPath, [nest, 'build', 'api'], process.env);
  if (run.exitCode !== 0) throw new Error(`nest build api failed (exit ${run.exitCode}):\n${run.stdout}${run.stderr}`);
  return run.seconds;
}

export const API_MAIN = 'dist/apps/api/src/main.js';
export const REBUILD_CLI = 'dist/apps/projector/src/rebuild.cli.js';
