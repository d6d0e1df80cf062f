import type { BrokenLink, ChainBreakReason, ChainVerdict } from '@app/domain/integrity';
import type { ExportVerdict } from './case-export';

/**
 * The CLI's verdict lines: one line per chain, starting with what was verified, then `ok` or `BROKEN` and where,
 * so that a line pasted into an inspection report stands on its own and `grep BROKEN` finds every finding.
 */
const MEANING: Record<ChainBreakReason, string> = {
  HASH_MISMATCH: 'the event was changed after it was appended',
  PREVIOUS_MISMATCH: 'the event does not link to the event before it (removed, inserted, reordered or re-sealed)',
  MISSING_HASH: 'the event carries no integrity seal',
};

const describeBreak = (link: BrokenLink): string =>
  `BROKEN at revision ${link.revision} (event ${link.eventId}, position ${link.position}): ${link.reason}, ${MEANING[link.reason]}`;

const countOf = (n: number): string => `${n} event${n === 1 ? '' : 's'}`;

export function chainLine(subject: string, verdict: ChainVerdict): string {
  if (verdict.firstBroken) return `${subject}: ${describeBreak(verdict.firstBroken)}; ${countOf(verdict.events)} in the stream`;
  return `${subject}: ok, ${countOf(verdict.events)}, head ${verdict.head ?? '(none)'}`;
}

export const caseLine = (caseId: string, verdict: ChainVerdict): string => chainLine(`case ${caseId}`, verdict);

/** An export: the recomputed chain, and whether it ends where the file says it does. */
export function exportLine(file: string, result: ExportVerdict): string {
  const when = typeof result.exportedAt === 'string' ? ` as exported at ${result.exportedAt}` : '';
  const subject = `${file}: case ${result.caseId}${when}`;
  if (!result.verdict.ok || result.ok) return chainLine(subject, result.verdict);
  return (
    `${subject}: BROKEN at the end: the events' chain ends in ${result.verdict.head ?? '(none)'} but the export's ` +
    `head is ${JSON.stringify(result.statedHead ?? null)}, events were removed or added at the end`
  );
}

export function summaryLine(cases: number, events: number, broken: number): string {
  const what = `verified ${cases} case${cases === 1 ? '' : 's'}, ${countOf(events)}`;
  return broken === 0 ? `${what}: every chain holds` : `${what}: ${broken} BROKEN`;
}
