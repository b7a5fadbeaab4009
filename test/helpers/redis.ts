import { REDIS_SKIP_ENV } from './service-availability';
import { TEST_REDIS_URL } from './service-urls';

export { TEST_REDIS_URL };

/** Why Redis tests cannot run here (set by the e2e globalSetup), or undefined when they can. */
export function redisMissing(): string | undefined {
  return process.env[REDIS_SKIP_ENV] || undefined;
}

/** `describe` when Redis answers; otherwise the suite is reported skipped, with the reason. */
export function describeWithRedis(name: string, fn: () => void): void {
  const reason = redisMissing();
  if (reason) describe.skip(`${name} [skipped: ${reason}]`, fn);
  else describe(name, fn);
}
