import { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';

const IDLE_SWEEP_MS = 100;

/**
 * Shutdown that loses nothing: Nest's app.close() already stops accepting, closes Socket.IO, waits
 * for in-flight HTTP requests and only then runs onApplicationShutdown (database, Redis, pending
 * pushes). Two gaps are closed here: keep-alive connections that turn idle after their last
 * response would hold the close until their timeout, and a stuck request would hold it forever,
 * so connections still open after `graceMs` are cut.
 */
export async function closeGracefully(app: INestApplication, graceMs: number): Promise<void> {
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
