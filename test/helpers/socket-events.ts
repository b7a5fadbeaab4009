import { settlesWithin } from './auth-clients';

/** Anything with AuthSocketClient's `on` (handlers can never be removed there: docs/protocol/realtime.md#never-send-what-the-client-cannot-verify). */
interface EventSource {
  on(eventName: string, callback: (data?: unknown) => void): unknown;
}

/** Every payload of `eventName` from now on, in arrival order. */
export function collectEvents<T = unknown>(source: EventSource, eventName: string): T[] {
  const seen: T[] = [];
  source.on(eventName, (data) => seen.push(data as T));
  return seen;
}

/** The next `eventName`; rejects after `ms` instead of hanging the test. */
export function nextEvent<T = unknown>(
  source: EventSource,
  eventName: string,
  ms = 5000,
): Promise<T> {
  return settlesWithin(
    new Promise<T>((resolve) => source.on(eventName, (data) => resolve(data as T))),
    ms,
    `event ${eventName}`,
  );
}
