import { PrivateKey } from '@bsv/sdk';
import { createHash } from 'node:crypto';

/**
 * The prefix of every Redis key and channel of this deployment. Redis Pub/Sub ignores the
 * database number, so two deployments on one Redis are kept apart only by names: by default the
 * prefix is derived from the server identity key (instances of one deployment share it, other
 * deployments cannot collide by accident); REDIS_NAMESPACE overrides it.
 */
export function redisNamespace(serverPrivateKeyHex: string, override?: string): string {
  if (override) return override;
  const identityKey = PrivateKey.fromHex(serverPrivateKeyHex).toPublicKey().toString();
  const digest = createHash('sha256').update(`messagebox-redis:${identityKey}`).digest('hex');
  return `mb-${digest.slice(0, 16)}`;
}
