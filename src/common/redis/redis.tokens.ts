/** Injection token of the shared ioredis client; its value is undefined when REDIS_URL is unset. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Injection token of this deployment's Redis key and channel prefix (a string). */
export const REDIS_NAMESPACE = Symbol('REDIS_NAMESPACE');
