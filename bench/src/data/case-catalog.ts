import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays, type BusinessDate, type CaseState, INSTITUTIONS, maxDate } from '@app/domain';
import type { CaseModel } from '../http/case-pool';
import type { SeededRandom } from '../random/seeded-random';

/**
 * The profile's cases as the read models hold them after the rebuild: which ids exist, their institution and
 * dates (for history and as-of reads), the running ones with the state a next command depends on (for the
 * command mix), and the period the measures were pronounced in (for KPI parameters).
 */

export interface CaseRef {
  caseId: string;
  institution: string;
  pronouncedOn: BusinessDate;
  recordedFirstAt: string;
}

export interface CaseCatalog {
  totalCases: number;
  runningCases: number;
  /** A seeded sample of all cases. */
  sample: CaseRef[];
  /** A seeded sample of the running cases, with their state. */
  running: CaseModel[];
  /** The last `years` of pronouncements in the data: the profile's window. */
  period: { from: BusinessDate; to: BusinessDate };
}

const SAMPLE_CASES = 20_000;
const isInstitution = (value: unknown): boolean => (INSTITUTIONS as readonly unknown[]).includes(value);
const SAMPLE_RUNNING = 20_000;

interface SummaryRow {
  case_id: string;
  institution: string | null;
  pronounced_on: string | null;
  recorded_first_at: string;
  ended_on: string | null;
}

export function readCaseCatalog(dataDir: string, random: SeededRandom, years: number): CaseCatalog {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], SummaryRow>('SELECT case_id, institution, pronounced_on, recorded_first_at, ended_on FROM case_summaries ORDER BY case_id')
      .all()
      .filter((row) => row.pronounced_on !== null && isInstitution(row.institution));
    if (rows.length === 0) throw new Error('the read models hold no cases: nothing to query or to command');
    const last = rows.reduce((latest, row) => maxDate(latest, row.pronounced_on as string), rows[0].pronounced_on as string);
    const first = rows.reduce((earliest, row) => (row.pronounced_on! < earliest ? row.pronounced_on! : earliest), last);
    const periodFrom = maxDate(first, addDays(last, -Math.round(years * 365.25) + 1));

    const running = rows.filter((row) => row.ended_on === null);
    const stateOf = db.prepare<[string], { state_json: string }>('SELECT state_json FROM case_summaries WHERE case_id = ?');
    const models = random.shuffle(running.slice()).slice(0, SAMPLE_RUNNING).map((row): CaseModel => {
      const state = JSON.parse(stateOf.get(row.case_id)!.state_json) as CaseState;
      return {
        caseId: row.case_id,
        institution: row.institution as CaseModel['institution'],
        pronouncedOn: row.pronounced_on as string,
        assignmentCount: state.assignmentCount,
        openEntries: Object.values(state.waitlist)
          .filter((entry) => entry.open)
          .map((entry) => ({ entryId: entry.entryId, since: entry.since })),
      };
    });
    return {
      totalCases: rows.length,
      runningCases: running.length,
      sample: random.shuffle(rows.slice()).slice(0, SAMPLE_CASES).map((row) => ({
        caseId: row.case_id,
        institution: row.institution as string,
        pronouncedOn: row.pronounced_on as string,
        recordedFirstAt: row.recorded_first_at,
      })),
      running: models,
      period: { from: periodFrom, to: last },
    };
  } finally {
    db.close();
  }
}
