/**
 * The client's address as Express computes req.ip with `trust proxy` set to a hop count: the
 * connection's peer, or the entry `hops` places from the right of X-Forwarded-For (the last
 * address a trusted proxy saw). Sockets need it too, and they never pass through Express.
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const peer = remoteAddress ?? 'unknown';
  if (hops === 0 || forwardedFor === undefined) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const chain = [
    peer,
    ...header
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a.length > 0)
      .reverse(),
  ];
  return chain[Math.min(hops, chain.length - 1)];
}
