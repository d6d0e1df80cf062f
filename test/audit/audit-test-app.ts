import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import type { Actor } from '../../apps/api/src/auth/actor';
import { issueToken } from '../../apps/api/src/auth/token-issuer';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { Clock } from '../../apps/api/src/config/clock';
import { TEST_SECRET, measureBody } from '../support/test-app';

/**
 * Knowledge time needs events recorded at different moments. test-app's FixedClock never moves, so these tests
 * build the same application with a clock they set before each write: recordedAt is then chosen, exactly as a
 * protector recording a step on that day would have produced it.
 */
export class MovableClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return this.instant;
  }
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

export interface AuditTestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  clock: MovableClock;
  dataDir: string;
  token(actor: Partial<Actor> & Pick<Actor, 'role'>): Promise<string>;
  /** Closes the app; the DATA_DIR stays for a CLI to read unless `removeData`. */
  close(removeData?: boolean): Promise<void>;
}

export async function startAuditApp(): Promise<AuditTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cases-audit-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });
  const clock = new MovableClock(new Date('2021-03-02T09:00:00Z'));
  const app = await createApp(config, clock);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    dataDir,
    token: (actor) =>
      issueToken(new TextEncoder().encode(TEST_SECRET), { sub: actor.sub ?? `${actor.role}-1`, role: actor.role, institution: actor.institution }, { expiresIn: '1h' }),
    close: async (removeData = true) => {
      await app.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** When each step of the sample case was recorded (the clock is set to these before each write). */
export const RECORDED = {
  imposed: '2021-03-02T09:00:00.000Z',
  assigned: '2021-03-12T09:00:00.000Z',
  plan: '2021-03-20T09:00:00.000Z',
  help: '2021-04-15T09:00:00.000Z',
  correction: '2021-05-01T09:00:00.000Z',
  retraction: '2021-05-02T09:00:00.000Z',
} as const;

export interface SampleCase {
  caseId: string;
  eventIds: { imposed: string; assigned: string; plan: string; help: string; correction: string; retraction: string };
}

/**
 * A JBRR case with a late assignment corrected later to an on-time one, and a help start retracted later.
 * Pronounced Mon 2021-03-01, notified Tue 2021-03-02: the protector is due Tue 2021-03-09 (5 working days),
 * the course Mon 2021-04-12, help Tue 2021-06-01. Recorded by protector prot-jbrr-1.
 */
export async function recordSampleCase(t: AuditTestApp): Promise<SampleCase> {
  const token = await t.token({ role: 'protector', institution: 'JBRR', sub: 'prot-jbrr-1' });
  const post = async (at: string, path: string, body: object): Promise<{ caseId: string; eventId: string }> => {
    t.clock.set(at);
    const res = await t.http.post(path).set('Authorization', `Bearer ${token}`).set('X-Correlation-Id', `corr-${at}`).send(body).expect(201);
    return res.body;
  };
  const imposed = await post(RECORDED.imposed, '/cases', measureBody({ pronouncedOn: '2021-03-01', giNotifiedOn: '2021-03-02' }));
  const caseId = imposed.caseId;
  const assignment = { protectorRef: 'prot-jbrr-1', assignedOn: '2021-03-11', reason: 'INITIAL' };
  const assigned = await post(RECORDED.assigned, `/cases/${caseId}/guardian-assignments`, assignment);
  const plan = await post(RECORDED.plan, `/cases/${caseId}/plans`, { agreedOn: '2021-03-19', participants: ['PARENTS', 'LOCAL_TEAM'] });
  const help = await post(RECORDED.help, `/cases/${caseId}/help-starts`, { startedOn: '2021-04-14', helpType: 'E_AMBULANT', provider: 'prov-1' });
  const correction = await post(RECORDED.correction, `/cases/${caseId}/corrections`, {
    correctsEventId: assigned.eventId,
    reason: 'The assignment was made on Monday; recorded with the wrong date.',
    data: { ...assignment, assignedOn: '2021-03-08' },
  });
  const retraction = await post(RECORDED.retraction, `/cases/${caseId}/retractions`, { retractsEventId: help.eventId, reason: 'Recorded on the wrong case.' });
  return {
    caseId,
    eventIds: {
      imposed: imposed.eventId,
      assigned: assigned.eventId,
      plan: plan.eventId,
      help: help.eventId,
      correction: correction.eventId,
      retraction: retraction.eventId,
    },
  };
}
