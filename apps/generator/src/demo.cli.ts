import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Presets, SingleBar } from 'cli-progress';
import { PROFILES } from '@app/case-generator';
import { ConfigurationError, loadConfig, type AppConfig } from '../../api/src/config/app-config';
import { createEventStore } from '../../api/src/event-store/event-store.module';
import { resolveSigningSecret } from '../../api/src/auth/signing-secret';
import { issueToken } from '../../api/src/auth/token-issuer';
import { ensureDemoData, rebuildDemoReadModels } from './demo-data';

/**
 * `npm run demo`: a newcomer's first look. Loads a synthetic year of Rijnmond (rijnmond-year, seed 2025) into
 * the embedded store under DATA_DIR unless it is there already, rebuilds the read models, starts the service as
 * `npm start` does, and prints an analyst token and two KPI requests to try. Stop it with Ctrl-C.
 */
const DEMO = { profile: PROFILES['rijnmond-year'], seed: 2025 } as const;

const say = (line: string): void => void process.stderr.write(`${line}\n`);

function bar(label: string) {
  const progress = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update: (value: number, total: number) => {
      if (!started) progress.start(total, value);
      started = true;
      progress.setTotal(total);
      progress.update(value);
    },
    stop: () => started && progress.stop(),
  };
}

async function prepare(config: AppConfig): Promise<void> {
  const store = createEventStore(config);
  const loading = bar(`loading ${DEMO.profile.name} (seed ${DEMO.seed})`);
  try {
    const data = await ensureDemoData(store, DEMO, (p) => loading.update(Math.round(p.fraction * 1000), 1000));
    loading.stop();
    if (data.kind === 'loaded') say(`loaded ${data.cases} synthetic cases, ${data.events} events`);
    if (data.kind === 'present') say(`the demo's ${data.events} events are there already`);
    if (data.kind === 'other') say(`the event store holds other case events (${data.events}): showing those, loading nothing`);
  } finally {
    loading.stop();
    await store.close();
  }
  const rebuilding = bar('rebuilding the read models');
  const events = await rebuildDemoReadModels(config, ({ applied, total }) => rebuilding.update(applied, total));
  rebuilding.stop();
  say(`read models rebuilt from ${events} events`);
}

async function waitUntilUp(url: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (let attempt = 0; attempt < 600 && child.exitCode === null; attempt += 1) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return false;
}

async function analystToken(config: AppConfig): Promise<string | undefined> {
  if (config.auth.jwksUrl) return undefined;
  const secret = resolveSigningSecret(config.auth.jwtSecret, config.dataDir);
  return issueToken(secret, { sub: 'analyst-demo', role: 'analyst' }, { expiresIn: '8h', issuer: config.auth.issuer, audience: config.auth.audience });
}

async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      say(error.message);
      return 2;
    }
    throw error;
  }
  try {
    await prepare(config);
  } catch (error) {
    say(`demo: ${(error as Error).message}`);
    return 1;
  }

  say('starting the service (npm start) ...');
  const child = spawn('npm', ['start'], { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));

  const base = `http://localhost:${config.port}`;
  if (await waitUntilUp(`http://127.0.0.1:${config.port}/health`, child)) {
    const token = await analystToken(config);
    const auth = token ? `-H "Authorization: Bearer ${token}" ` : '-H "Authorization: Bearer <a token from your identity provider>" ';
    const year = DEMO.profile.horizon.slice(0, 4);
    process.stdout.write(
      [
        '',
        `The demo runs at ${base} (OpenAPI at ${base}/docs) on ${DEMO.profile.name}: synthetic cases of Rijnmond up to ${DEMO.profile.horizon}.`,
        token ? `An analyst token (8 hours):\n${token}` : 'AUTH_JWKS_URL is set: use a token from your identity provider.',
        'Timeliness of the measures pronounced in the year, per GI, and the children waiting for help at its end:',
        `  curl -s ${auth}'${base}/kpi/timeliness?from=${year}-01-01&to=${DEMO.profile.horizon}&asOf=${DEMO.profile.horizon}&groupBy=institution' | jq .total`,
        `  curl -s ${auth}'${base}/kpi/waiting?asOf=${DEMO.profile.horizon}&groupBy=helpType' | jq .waitingForHelp`,
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  }
  return exited;
}

void main().then((code) => (process.exitCode = code));
