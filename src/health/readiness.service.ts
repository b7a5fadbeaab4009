import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { AppError } from '../common/errors/app-error';
import { RedisHealthIndicator } from './redis-health.indicator';

export type CheckState = 'up' | 'down';

export interface ReadinessReport {
  status: 'success';
  checks: Record<string, CheckState>;
}

const DB_TIMEOUT_MS = 1500;

/**
 * Runs Terminus' checks (database always, Redis when configured) and turns the result into the
 * protocol's envelopes: success, or 503 with the code of the first dependency that is down.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  async check(): Promise<ReadinessReport> {
    const indicators: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('database', { timeout: DB_TIMEOUT_MS }),
    ];
    if (this.redis.configured) indicators.push(() => this.redis.pingCheck('redis'));
    try {
      const result = await this.health.check(indicators);
      return { status: 'success', checks: statesOf(result) };
    } catch (error) {
      // Terminus reports "some check is down" as a 503 exception carrying the full result.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const checks = statesOf(error.getResponse() as HealthCheckResult);
      this.logger.warn(`Not ready: ${JSON.stringify(checks)}`);
      const code =
        checks.database === 'down' ? 'ERR_DATABASE_UNAVAILABLE' : 'ERR_REDIS_UNAVAILABLE';
      const what = checks.database === 'down' ? 'database' : 'Redis server';
      throw new AppError(code, `The ${what} is not reachable.`, 503, { checks });
    }
  }
}

function statesOf(result: HealthCheckResult): Record<string, CheckState> {
  const states: Record<string, CheckState> = {};
  for (const [key, detail] of Object.entries(result.details ?? {})) {
    states[key] = detail.status === 'up' ? 'up' : 'down';
  }
  return states;
}
