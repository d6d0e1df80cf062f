import type { Actor } from './actor';

/**
 * How long a verified token is taken on trust. With an HS256 secret nothing about a token's validity changes
 * before it expires; with a JWKS the provider may withdraw a key, and a minute is the delay accepted for that
 * (createRemoteJWKSet itself keeps fetched keys for ten).
 */
const REUSE_MS = 60_000;
const DEFAULT_CAPACITY = 10_000;

/**
 * Tokens verified lately, with the caller each names: a client sends the same token with every request, and
 * checking its signature and claims each time was a measurable part of a command's CPU. Keyed by the whole
 * token, so a token that differs in any byte is verified afresh. At most `capacity`, the oldest dropped first.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller a still valid token names, if the token was verified lately. */
  actorOf(token: string): Actor | undefined {
    const verified = this.tokens.get(token);
    if (!verified) return undefined;
    if (this.now() < verified.until) return verified.actor;
    this.tokens.delete(token);
    return undefined;
  }

  /** `expiresAt` is the token's exp claim (seconds): jose refuses a token from that second on. */
  remember(token: string, actor: Actor, expiresAt: number): void {
    const until = Math.min(expiresAt * 1000, this.now() + REUSE_MS);
    if (until <= this.now()) return;
    this.tokens.delete(token);
    this.tokens.set(token, { actor: Object.freeze({ ...actor }), until });
    if (this.tokens.size > this.capacity) this.tokens.delete(this.tokens.keys().next().value as string);
  }

  get size(): number {
    return this.tokens.size;
  }
}
