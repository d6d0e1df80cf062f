import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthGuard } from './auth.guard';
import { resolveSigningSecret } from './signing-secret';
import { TokenVerifier } from './token-verifier';

export function createTokenVerifier(config: AppConfig): TokenVerifier {
  const { jwksUrl, jwtSecret, issuer, audience } = config.auth;
  return jwksUrl
    ? new TokenVerifier({ jwksUrl, issuer, audience })
    : new TokenVerifier({ secret: resolveSigningSecret(jwtSecret, config.dataDir), issuer, audience });
}

/** Bearer-token authentication and role checks on every route (the guard is global). */
@Module({
  providers: [
    { provide: TokenVerifier, useFactory: createTokenVerifier, inject: [APP_CONFIG] },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
