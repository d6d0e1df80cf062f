import { ConfigurationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs on the embedded store with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.eventStore).toBe('sqlite');
    expect(config.dataDir).toMatch(/data$/);
    expect(config.auth.jwtSecret).toBeUndefined();
  });

  it('reports every bad setting, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE: 'mongo', AUTH_JWT_SECRET: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^PORT=eighty/);
    expect(problems[1]).toMatch(/^EVENT_STORE=mongo/);
    expect(problems[2]).toMatch(/^AUTH_JWT_SECRET/);
    expect(problems[3]).toMatch(/^LOG_LEVEL=loud/);
  });

  it('requires a connection string for EventStoreDB', () => {
    expect(() => loadConfig({ EVENT_STORE: 'esdb' })).toThrow(/EVENTSTORE_CONNECTION_STRING: required/);
    const config = loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' });
    expect(config.eventStoreConnectionString).toBe('esdb://localhost:2113?tls=false');
  });

  it('refuses a secret and a JWKS URL together', () => {
    expect(() =>
      loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://idp.example/jwks' }),
    ).toThrow(/set one of them, not both/);
  });
});
