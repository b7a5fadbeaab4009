import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../../common/redis/redis.tokens';
import { describeError } from '../../common/errors/describe-error';

const PING_TIMEOUT_MS = 1500;

/** Terminus indicator for the shared Redis connection; absent when REDIS_URL is unset. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | undefined,
  ) {}

  get configured(): boolean {
    return this.redis !== undefined;
  }

  async pingCheck(key: string): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    if (!this.redis) return session.up();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.redis.ping(), timeout]);
      return session.up();
    } catch (error) {
      return session.down(describeError(error));
    } finally {
      clearTimeout(timer);
    }
  }
}
