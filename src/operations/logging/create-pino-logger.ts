import pino, { DestinationStream, Level, Logger } from 'pino';
import { AUTH_HEADERS } from '../../auth/brc104/auth-headers';
import { EnvironmentVariables, NodeEnv } from '../../config/environment-variables';

/** Nest's level names (LOG_LEVEL) to pino's. */
const PINO_LEVEL: Record<string, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Secrets that must never reach a log line even if some code logs a request or its headers
 * (docs/protocol/http-api.md#logging-never-records-secrets): auth headers, bearer tokens, cookies, payments and bodies.
 */
const SECRET_HEADERS = ['authorization', 'cookie', ...Object.values(AUTH_HEADERS)];
export const REDACTED_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `headers["${h}"]`]),
  'req.body',
  'body',
  'payment',
  'privateKey',
  'SERVER_PRIVATE_KEY',
];

export type LogVariables = Pick<EnvironmentVariables, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>;

export function logFormatOf(env: LogVariables): 'json' | 'pretty' {
  return env.LOG_FORMAT ?? (env.NODE_ENV === NodeEnv.Production ? 'json' : 'pretty');
}

/** pino-pretty is a development dependency: without it (production image) lines stay JSON. */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({
      sync: true,
      colorize: process.stdout.isTTY,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    });
  } catch {
    return undefined;
  }
}

/**
 * JSON in production, written in batches: one write per request line would cost more than the
 * rest of the log call, so lines are buffered up to 8 KB and flushed at least every 200 ms, and
 * on exit, so nothing is lost on shutdown.
 */
function jsonStream(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 8 * 1024 });
  setInterval(() => stream.flush(), 200).unref();
  process.once('exit', () => stream.flushSync());
  return stream;
}

/**
 * One stdout stream per format and process: main.ts logs before the app exists and the app's own
 * logger writes after it, and sharing the stream keeps their lines whole and in order.
 */
const stdoutStreams = new Map<'json' | 'pretty', DestinationStream>();

function stdoutStream(format: 'json' | 'pretty'): DestinationStream {
  let stream = stdoutStreams.get(format);
  if (!stream) {
    stream = (format === 'pretty' ? prettyStream() : undefined) ?? jsonStream();
    stdoutStreams.set(format, stream);
  }
  return stream;
}

export function createPinoLogger(env: LogVariables, destination?: DestinationStream): Logger {
  const options = {
    level: PINO_LEVEL[env.LOG_LEVEL] ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: undefined,
  };
  return pino(options, destination ?? stdoutStream(logFormatOf(env)));
}

/** Writes what is buffered for stdout now (before process.exit on a start-up failure). */
export function flushStdoutLogs(): void {
  for (const stream of stdoutStreams.values()) {
    try {
      (stream as { flushSync?: () => void }).flushSync?.();
    } catch {
      // Nothing buffered or stdout already gone: nothing more can be done.
    }
  }
}
