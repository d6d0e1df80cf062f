import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@app/event-store';
import { ConfigurationError, loadConfig } from '../../config/app-config';
import { createEventStore } from '../../event-store/event-store.module';
import { caseIdsInLog, readCaseChain } from './case-chain.reader';
import { NotAnExportError, verifyExport } from './case-export';
import { VERIFY_USAGE, parseVerifyArgs } from './verify-args';
import { caseLine, chainLine, exportLine, summaryLine } from './verify-report';
import { accessMonthsInLog, verifyAccessMonth } from '../access-log/access-chain';
import { CliArgumentError } from '../cli-args';

/**
 * `npm run verify -- <caseId> | --all | --file <export.json> | --access-log <YYYY-MM | all>`: recomputes hash
 * chains (libs/domain/src/integrity) of cases or of the access log's months from the event store (same settings as the api: DATA_DIR, EVENT_STORE, ...), or from an export file alone,
 * offline — no configuration, no store, nothing but the file.
 *
 * Verdicts go to stdout, one line per chain (verify-report.ts). Exit codes: 0 every chain holds; 1 a chain is
 * broken (the first broken link printed), an unknown case, or the store failed; 2 bad arguments or settings, or
 * a file that cannot be read or is not a case export.
 */
export interface VerifyIo {
  env: Record<string, string | undefined>;
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runVerifyCli(io: VerifyIo): Promise<number> {
  const fail = (code: number, message: string): number => {
    io.stderr.write(`verify: ${message}\n`);
    return code;
  };
  const print = (line: string): void => void io.stdout.write(`${line}\n`);
  let args;
  try {
    args = parseVerifyArgs(io.argv);
  } catch (error) {
    if (error instanceof CliArgumentError) return fail(2, `${error.message} (${VERIFY_USAGE})`);
    throw error;
  }
  if (args === 'help') {
    print(VERIFY_USAGE);
    return 0;
  }

  if (args.mode === 'file') {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(args.file, 'utf8'));
    } catch (error) {
      return fail(2, `cannot read ${args.file} as JSON: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      const result = verifyExport(document);
      print(exportLine(args.file, result));
      return result.ok ? 0 : 1;
    } catch (error) {
      if (error instanceof NotAnExportError) return fail(2, `${args.file}: ${error.message}`);
      throw error;
    }
  }

  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(2, error.message.replace(/\n\s*/g, ' '));
    throw error;
  }
  // Opening the embedded store creates its file: a read-only tool pointed at the wrong DATA_DIR must not.
  const sqliteFile = join(config.dataDir, 'events.sqlite');
  if (config.eventStore === 'sqlite' && !existsSync(sqliteFile)) return fail(1, `there is no event store at ${sqliteFile}`);

  const store = createEventStore(config);
  try {
    if (args.mode === 'access-log') return await verifyAccessLog(store, args.month, print);
    return args.mode === 'case' ? await verifyCase(store, args.caseId, print, fail) : await verifyAll(store, print);
  } catch (error) {
    return fail(1, `reading the event store failed: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    await store.close();
  }
}

async function verifyCase(store: EventStore, caseId: string, print: (line: string) => void, fail: (code: number, message: string) => number): Promise<number> {
  const chain = await readCaseChain(store, caseId);
  if (!chain) return fail(1, `case ${caseId} not found (its stream has no events)`);
  print(caseLine(caseId, chain.verdict));
  return chain.verdict.ok ? 0 : 1;
}

/** Every case, one at a time; a broken case does not stop the others from being checked. */
async function verifyAll(store: EventStore, print: (line: string) => void): Promise<number> {
  let events = 0;
  let broken = 0;
  const caseIds = await caseIdsInLog(store);
  for (const caseId of caseIds) {
    const chain = await readCaseChain(store, caseId);
    if (!chain) continue; // listed from the log, so it has events; the check only keeps the types honest
    print(caseLine(caseId, chain.verdict));
    events += chain.verdict.events;
    if (!chain.verdict.ok) broken += 1;
  }
  print(summaryLine(caseIds.length, events, broken));
  return broken === 0 ? 0 : 1;
}

/** One month's access records, or every month's; a month without records holds trivially (0 events). */
async function verifyAccessLog(store: EventStore, month: string | undefined, print: (line: string) => void): Promise<number> {
  const months = month === undefined ? await accessMonthsInLog(store) : [month];
  let broken = 0;
  for (const each of months) {
    const verdict = await verifyAccessMonth(store, each);
    print(chainLine(`access log ${each}`, verdict));
    if (!verdict.ok) broken += 1;
  }
  if (month === undefined) print(`verified ${months.length} month${months.length === 1 ? '' : 's'} of the access log: ${broken === 0 ? 'every chain holds' : `${broken} BROKEN`}`);
  return broken === 0 ? 0 : 1;
}

if (require.main === module) {
  void runVerifyCli({ env: process.env, argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr }).then(
    (code) => (process.exitCode = code),
  );
}
