import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, type EventStore, type StoredEvent, caseStreamId } from '@app/event-store';
import { createApp } from '../../apps/api/src/app.factory';
import { type AppConfig, loadConfig } from '../../apps/api/src/config/app-config';
import { Clock } from '../../apps/api/src/config/clock';
import type { Actor } from '../../apps/api/src/auth/actor';
import { issueToken } from '../../apps/api/src/auth/token-issuer';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A clock stopped at a known moment, so that "a date in the future" means the same thing in every run. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return this.instant;
  }
}

/** 2021-09-01 in Amsterdam: the tests' "today". */
export const TEST_NOW = new Date('2021-09-01T10:00:00Z');

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  store: EventStore;
  config: AppConfig;
  token(actor: Partial<Actor> & Pick<Actor, 'role'>, options?: { expiresIn?: string | number; secret?: string }): Promise<string>;
  streamOf(caseId: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/** The real application on a fresh SQLite store in a temporary DATA_DIR (or the environment given). */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cases-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, new FixedClock(TEST_NOW));
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    http: request(app.getHttpServer()),
    store,
    config,
    token: (actor, options = {}) =>
      issueToken(
        new TextEncoder().encode(options.secret ?? TEST_SECRET),
        { sub: actor.sub ?? `${actor.role}-1`, role: actor.role, institution: actor.institution },
        { expiresIn: options.expiresIn ?? '1h' },
      ),
    streamOf: (caseId) => store.readStream(caseStreamId(caseId)),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid MeasureImposed body for a JBRR case pronounced on 2021-03-01. */
export const measureBody = (overrides: Record<string, unknown> = {}) => ({
  childRef: 'child-7f3a',
  familyRef: 'family-21c9',
  municipalityCode: 'GM0599',
  institution: 'JBRR',
  measureType: 'OTS',
  pronouncedOn: '2021-03-01',
  giNotifiedOn: '2021-03-02',
  endsOn: '2022-03-01',
  ...overrides,
});
