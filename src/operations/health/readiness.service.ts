import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

export type CheckState = 'up' | 'down';

export interface ReadinessReport {
  status: 'success';
  checks: Record<string, CheckState>;
}

/**
 * Runs Terminus' checks (database always, Redis when configured) and turns the result into the
 * protocol's envelopes: success, or 503 with the code of the dependency that is down. While the
 * instance drains before shutting down, 503 ERR_SHUTTING_DOWN comes first, whatever else says.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  async check(): Promise<ReadinessReport> {
    if (this.shutdown.draining) {
      throw new AppError('ERR_SHUTTING_DOWN', 'This instance is shutting down.');
    }
    const indicators: HealthIndicatorFunction[] = [() => this.db.check('database')];
    if (this.redis.configured) indicators.push(() => this.redis.pingCheck('redis'));
    try {
      const result = await this.health.check(indicators);
      return { status: 'success', checks: statesOf(result) };
    } catch (error) {
      // Terminus reports "some check is down" as a 503 exception carrying the full result.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const checks = statesOf(error.getResponse() as HealthCheckResult);
      this.logger.warn(`Not ready: ${JSON.stringify(checks)}`);
      const [code, what]: [ErrorCode, string] =
        checks.redis === 'down' && checks.database !== 'down'
          ? ['ERR_REDIS_UNAVAILABLE', 'Redis server']
          : ['ERR_DATABASE_UNAVAILABLE', 'database'];
      throw new AppError(code, `The ${what} is not reachable.`, { checks });
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
