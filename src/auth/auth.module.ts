import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type Redis from 'ioredis';
import { RedisModule } from '../common/redis/redis.module';
import { REDIS_CLIENT, REDIS_NAMESPACE } from '../common/redis/redis.tokens';
import { AuthConfig, ServerConfig } from '../config/configuration';
import { MetricsModule } from '../operations/metrics/metrics.module';
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
      inject: [AuthConfig, ServerConfig],
      useFactory: (auth: AuthConfig, server: ServerConfig): CryptoProvider => {
        const backend = auth.cryptoBackend;
        const provider = createCryptoProvider(server.privateKey, backend !== 'sdk');
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
      inject: [AuthConfig, REDIS_CLIENT, REDIS_NAMESPACE],
      useFactory: (auth: AuthConfig, redis: Redis | undefined, namespace: string): SessionStore => {
        const ttlSeconds = auth.sessionTtlSeconds;
        const maxSessionsPerIp = auth.maxSessionsPerIp;
        const maxNoncesPerSession = auth.maxMessagesPerSession;
        if (redis) {
          return new RedisSessionStore(redis, ttlSeconds, namespace, {
            maxSessionsPerIp,
            maxNoncesPerSession,
          });
        }
        return new MemorySessionStore({
          ttlMs: ttlSeconds * 1000,
          maxSessions: auth.maxSessions,
          maxSessionsPerIp,
          maxNoncesPerSession,
          maxReplayBytes: auth.replayCacheMaxBytes,
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
