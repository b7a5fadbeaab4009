export type Outcome =
  | { kind: 'ok'; ms: number }
  | { kind: 'error'; ms: number; message: string }
  | { kind: 'timeout'; ms: number };

/**
 * Runs `work` and says how it ended and how long it took; `timeout` when it has not settled
 * within `boundMs` (the official client has no timeout of its own: a hang would hang the test).
 */
export async function bounded(work: () => Promise<unknown>, boundMs: number): Promise<Outcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), boundMs);
  });
  try {
    const result = await Promise.race([work().then(() => 'ok' as const), timeout]);
    const ms = Date.now() - started;
    return result === 'ok' ? { kind: 'ok', ms } : { kind: 'timeout', ms };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', ms: Date.now() - started, message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Retries `attempt` until it succeeds, each try bounded; resolves with the milliseconds it took
 * (a measured recovery time). Fails after `limitMs`.
 */
export async function timeToSucceed(
  attempt: () => Promise<unknown>,
  limitMs: number,
  tryBoundMs = 5000,
): Promise<number> {
  const started = Date.now();
  let last: Outcome | undefined;
  while (Date.now() - started < limitMs) {
    last = await bounded(attempt, tryBoundMs);
    if (last.kind === 'ok') return Date.now() - started;
    // A refused try returns at once: pace the retries so that they stay bounded in number.
    if (last.ms < 200) await new Promise((resolve) => setTimeout(resolve, 200 - last!.ms));
  }
  throw new Error(`no success within ${limitMs} ms; last: ${JSON.stringify(last)}`);
}
