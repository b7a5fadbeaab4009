import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import type Redis from 'ioredis';
import { RedisModule } from '../common/redis/redis.module';
import { REDIS_CLIENT, REDIS_NAMESPACE } from '../common/redis/redis.tokens';
import { EnvironmentVariables } from '../config/environment-variables';
import { MetricsModule } from '../metrics/metrics.module';
import { AuthMetrics } from './auth-metrics';
import { AuthGuard } from './auth.guard';
import { Brc104Middleware } from './brc104/brc104.middleware';
import { HandshakeService } from './brc104/handshake.service';
import { RequestVerifier } from './brc104/request-verifier';
import { ResponseSigner } from './brc104/response-signer';
import { createCryptoProvider } from './crypto/create-crypto-provider';
import { CryptoProvider } from './crypto/crypto-provider';
import { MemorySessionStore } from './sessions/memory-session-store';
import { RedisSessionStore } from './sessions/redis-session-store';
import { SessionStore } from './sessions/session-store';

type Config = ConfigService<EnvironmentVariables, true>;

/**
 * BRC-103/104 for HTTP, and the one HandshakeService, CryptoProvider and SessionStore the socket
 * transport shares (docs/protocol/auth.md#handshake). Not global: the modules that sign or verify
 * (messages, permissions, payments, realtime) import it.
 */
@Module({
  imports: [RedisModule, MetricsModule],
  providers: [
    {
      provide: CryptoProvider,
      inject: [ConfigService],
      useFactory: (config: Config): CryptoProvider => {
        const backend = config.get('CRYPTO_BACKEND', { infer: true });
        const provider = createCryptoProvider(
          config.get('SERVER_PRIVATE_KEY', { infer: true }),
          backend !== 'sdk',
        );
        if (backend === 'native' && provider.kind !== 'native') {
          throw new Error('CRYPTO_BACKEND=native but the secp256k1 native addon did not load');
        }
        new Logger('Auth').debug(
          `Crypto: ${provider.kind === 'native' ? 'native libsecp256k1' : '@bsv/sdk (pure JS)'}`,
        );
        return provider;
      },
    },
    {
      provide: SessionStore,
      inject: [ConfigService, REDIS_CLIENT, REDIS_NAMESPACE],
      useFactory: (config: Config, redis: Redis | undefined, namespace: string): SessionStore => {
        const ttlSeconds = config.get('AUTH_SESSION_TTL_SECONDS', { infer: true });
        const maxSessionsPerIp = config.get('AUTH_MAX_SESSIONS_PER_IP', { infer: true });
        const maxNoncesPerSession = config.get('AUTH_MAX_MESSAGES_PER_SESSION', { infer: true });
        if (redis) {
          return new RedisSessionStore(redis, ttlSeconds, namespace, {
            maxSessionsPerIp,
            maxNoncesPerSession,
          });
        }
        return new MemorySessionStore({
          ttlMs: ttlSeconds * 1000,
          maxSessions: config.get('AUTH_MAX_SESSIONS', { infer: true }),
          maxSessionsPerIp,
          maxNoncesPerSession,
          maxReplayBytes: config.get('AUTH_REPLAY_CACHE_MAX_BYTES', { infer: true }),
        });
      },
    },
    HandshakeService,
    RequestVerifier,
    ResponseSigner,
    Brc104Middleware,
    AuthMetrics,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [CryptoProvider, SessionStore, HandshakeService, Brc104Middleware],
})
export class AuthModule {}
