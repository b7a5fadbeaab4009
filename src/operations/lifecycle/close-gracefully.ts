import { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ShutdownState } from './shutdown-state';

const IDLE_SWEEP_MS = 100;

/**
 * Shutdown that loses nothing, in three steps:
 * 1. drain: readiness answers 503 ERR_SHUTTING_DOWN while the listener keeps serving for
 *    `drainMs`, so the proxy takes the instance out of rotation before connections are refused
 *    (closing at once resets the connections the kernel accepted but Node has not read yet);
 * 2. Nest's app.close() stops accepting, closes Socket.IO, waits for in-flight HTTP requests and
 *    only then runs onApplicationShutdown (database, Redis, pending pushes);
 * 3. keep-alive connections that turn idle after their last response are closed as they do (they
 *    would hold the close until their timeout), and connections still open after `graceMs` are
 *    cut, so a stuck request cannot hold the shutdown forever.
 */
export async function closeGracefully(
  app: INestApplication,
  graceMs: number,
  drainMs = 0,
): Promise<void> {
  const state = app.get(ShutdownState, { strict: false });
  state.draining = true;
  if (drainMs > 0) await sleep(drainMs);
  const server = app.getHttpServer() as Server;
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
