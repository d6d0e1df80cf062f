import type { BenchResult } from './bench-result';
import type { Figure } from './figures';

/** The figures as a plain-text table for stdout, then what qualifies them: refusals, checks, skips, problems. */

const number = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
};

function row(figure: Figure): string[] {
  const range = figure.range && figure.range.runs > 1 ? `${number(figure.range.min)}-${number(figure.range.max)}` : '';
  return [figure.part, figure.label, number(figure.value), figure.unit, range, figure.note];
}

function align(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  const numeric = new Set([2, 4]);
  return rows
    .map((cells) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd())
    .join('\n');
}

export function renderTable(result: BenchResult): string {
  const header = ['part', 'figure', 'value', 'unit', 'min-max', 'how (full method in the JSON)'];
  const lines = [
    `bench ${result.profile} seed ${result.seed}${result.smoke ? ' (SMOKE: shortened, not for comparison)' : ''}: ` +
      `${result.machine.cpus} x ${result.machine.cpuModel}, node ${result.machine.node}, load average ${result.machine.loadAverage.start.toFixed(2)} -> ${result.machine.loadAverage.end?.toFixed(2) ?? '?'}`,
    '',
    align([header, ...result.figures.map(row)]),
    '',
  ];
  const refused = result.requests.filter((t) => t.non2xx > 0 || t.errors > 0 || t.timeouts > 0);
  lines.push(`non-2xx answers: ${refused.length === 0 ? 'none' : refused.map((t) => `${t.phase} ${t.name} ${t.non2xx} ${JSON.stringify(t.statusCounts)}${t.errors ? `, ${t.errors} errors` : ''}`).join('; ')}`);
  for (const failure of result.commandFailures) lines.push(`  refused: ${failure.route} -> ${failure.status} x${failure.count}: ${failure.sample.slice(0, 160)}`);
  if (result.storeWorkload) {
    const failed = result.storeWorkload.checks.filter((c) => !c.passed);
    lines.push(`store workload checks: ${failed.length === 0 ? `all ${result.storeWorkload.checks.length} passed` : failed.map((c) => `FAILED ${c.adapter} run ${c.run}: ${c.name}: ${c.detail}`).join('; ')}`);
    for (const interruption of result.storeWorkload.interruptions) lines.push(`  interrupted and run again: ${interruption}`);
  }
  for (const skip of result.skipped) lines.push(`skipped: ${skip.what}: ${skip.reason}`);
  for (const problem of result.problems) lines.push(`PROBLEM: ${problem}`);
  lines.push(`wall time ${result.wallSeconds.toFixed(0)} s (${Object.entries(result.phaseSeconds).map(([phase, s]) => `${phase} ${s.toFixed(0)} s`).join(', ')})`);
  return `${lines.join('\n')}\n`;
}
