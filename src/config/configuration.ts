import { parseBoxFeeList } from '../common/validation/box-fee-list';
import { DbDriver, EnvironmentVariables, NodeEnv } from './environment-variables';
import { readFeeFile } from './fee-file';
import { FirebaseSettings, firebaseSettings } from './firebase-settings';

/*
 * Typed configuration namespaces, built once from the validated environment and injected by
 * class (ConfigurationModule). Each says what one part of the server needs, in its units
 * (milliseconds, bytes, parsed files), so no component reads an environment variable by name:
 *   server    — identity key, listener, routing prefix, proxies, HTTP timeouts, shutdown, docs, metrics
 *   database  — driver, source and pool (also used by the admin CLI and ormconfig.ts)
 *   auth      — BRC-103/104 crypto backend and session store bounds
 *   limits    — request and storage budgets, rate limits, retention
 *   realtime  — Socket.IO frame, room and connection bounds
 *   redis     — optional Redis URL, timeouts and key namespace
 *   push      — Firebase settings (parsed once; undefined when push is off)
 *   fees      — recipient-fee defaults and server delivery fees (fee file read once)
 *   payments  — chain tracker, BEEF bounds and the fee wallet
 *   logging   — level, format and environment of the log output
 * Environment variable names, defaults and bounds stay in environment-variables.ts.
 */

export class ServerConfig {
  readonly nodeEnv: NodeEnv;
  /** Lower-case hex; filled with a development key by loadEnvironment when not configured. */
  readonly privateKey: string;
  readonly port: number;
  readonly host: string;
  readonly routingPrefix: string;
  readonly trustProxyHops: number;
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly shutdownGraceMs: number;
  readonly shutdownDrainMs: number;
  readonly enableWebsockets: boolean;
  readonly enableDocs: boolean;
  readonly metricsToken?: string;

  constructor(env: EnvironmentVariables) {
    this.nodeEnv = env.NODE_ENV;
    this.privateKey = env.SERVER_PRIVATE_KEY ?? '';
    this.port = env.PORT;
    this.host = env.HOST;
    this.routingPrefix = env.ROUTING_PREFIX;
    this.trustProxyHops = env.TRUST_PROXY_HOPS;
    this.requestTimeoutMs = env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
    this.headersTimeoutMs = env.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
    this.shutdownGraceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
    this.shutdownDrainMs = env.SHUTDOWN_DRAIN_SECONDS * 1000;
    this.enableWebsockets = env.ENABLE_WEBSOCKETS;
    this.enableDocs = env.ENABLE_DOCS;
    this.metricsToken = env.METRICS_TOKEN;
  }
}

/** What the persistence layer needs; the one builder for the app, the admin CLI and ormconfig.ts. */
export class DatabaseConfig {
  readonly driver: DbDriver;
  /** SQLite file path (or ":memory:"), or a mysql:// URL. */
  readonly source: string;
  readonly maxConnections: number;
  readonly runMigrations: boolean;
  /** MySQL: bound on connecting, and on each query once migrations are done. */
  readonly connectTimeoutMs?: number;
  readonly queryTimeoutMs?: number;

  constructor(env: EnvironmentVariables) {
    this.driver = env.DB_DRIVER;
    this.source = env.DB_SOURCE;
    this.maxConnections = env.DB_MAX_CONNECTIONS;
    this.runMigrations = !env.DB_SKIP_MIGRATIONS;
    this.connectTimeoutMs = env.DB_CONNECT_TIMEOUT_MS;
    this.queryTimeoutMs = env.DB_QUERY_TIMEOUT_MS;
  }
}

export class AuthConfig {
  readonly cryptoBackend: EnvironmentVariables['CRYPTO_BACKEND'];
  readonly sessionTtlSeconds: number;
  readonly maxSessions: number;
  readonly maxSessionsPerIp: number;
  readonly maxMessagesPerSession: number;
  readonly replayCacheMaxBytes: number;

  constructor(env: EnvironmentVariables) {
    this.cryptoBackend = env.CRYPTO_BACKEND;
    this.sessionTtlSeconds = env.AUTH_SESSION_TTL_SECONDS;
    this.maxSessions = env.AUTH_MAX_SESSIONS;
    this.maxSessionsPerIp = env.AUTH_MAX_SESSIONS_PER_IP;
    this.maxMessagesPerSession = env.AUTH_MAX_MESSAGES_PER_SESSION;
    this.replayCacheMaxBytes = env.AUTH_REPLAY_CACHE_MAX_BYTES;
  }
}

/** Budgets of docs/protocol/limits.md#configurable-limits. */
export class LimitsConfig {
  readonly maxBodyBytes: number;
  readonly handshakeMaxBodyBytes: number;
  readonly bodyDrainMaxBytes: number;
  readonly bodyDrainMs: number;
  readonly maxRecipientsPerSend: number;
  readonly listMessagesMax: number;
  readonly listPageMaxBytes: number;
  readonly maxAckIds: number;
  readonly maxStoredBytesPerRecipient: number;
  readonly maxStoredBytesPerSender: number;
  readonly rateLimitWindowMs: number;
  readonly handshakesPerIp: number;
  readonly requestsPerIdentity: number;
  readonly requestsPerIp: number;
  readonly messageRetentionDays: number;

  constructor(env: EnvironmentVariables) {
    this.maxBodyBytes = env.MAX_BODY_BYTES;
    this.handshakeMaxBodyBytes = env.HANDSHAKE_MAX_BODY_BYTES;
    this.bodyDrainMaxBytes = env.BODY_DRAIN_MAX_BYTES;
    this.bodyDrainMs = env.BODY_DRAIN_SECONDS * 1000;
    this.maxRecipientsPerSend = env.MAX_RECIPIENTS_PER_SEND;
    this.listMessagesMax = env.LIST_MESSAGES_MAX;
    this.listPageMaxBytes = env.LIST_PAGE_MAX_BYTES;
    this.maxAckIds = env.MAX_ACK_IDS;
    this.maxStoredBytesPerRecipient = env.MAX_STORED_BYTES_PER_RECIPIENT;
    this.maxStoredBytesPerSender = env.MAX_STORED_BYTES_PER_SENDER;
    this.rateLimitWindowMs = env.RATE_LIMIT_WINDOW_SECONDS * 1000;
    this.handshakesPerIp = env.RATE_LIMIT_HANDSHAKES_PER_IP;
    this.requestsPerIdentity = env.RATE_LIMIT_REQUESTS_PER_IDENTITY;
    this.requestsPerIp = env.RATE_LIMIT_REQUESTS_PER_IP;
    this.messageRetentionDays = env.MESSAGE_RETENTION_DAYS;
  }
}

export class RealtimeConfig {
  readonly maxFrameBytes: number;
  readonly liveMaxBodyBytes: number;
  readonly authTimeoutMs: number;
  /** 0 = off. */
  readonly idleTimeoutMs: number;
  readonly maxPerIp: number;
  readonly maxPerIdentity: number;
  readonly maxRooms: number;

  constructor(env: EnvironmentVariables) {
    this.maxFrameBytes = env.SOCKET_MAX_FRAME_BYTES;
    this.liveMaxBodyBytes = env.LIVE_MAX_BODY_BYTES;
    this.authTimeoutMs = env.SOCKET_AUTH_TIMEOUT_SECONDS * 1000;
    this.idleTimeoutMs = env.SOCKET_IDLE_TIMEOUT_SECONDS * 1000;
    this.maxPerIp = env.SOCKET_MAX_PER_IP;
    this.maxPerIdentity = env.SOCKET_MAX_PER_IDENTITY;
    this.maxRooms = env.SOCKET_MAX_ROOMS;
  }
}

export class RedisConfig {
  /** Unset: one instance, everything in memory. */
  readonly url?: string;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly namespace?: string;

  constructor(env: EnvironmentVariables) {
    this.url = env.REDIS_URL;
    this.connectTimeoutMs = env.REDIS_CONNECT_TIMEOUT_MS;
    this.commandTimeoutMs = env.REDIS_COMMAND_TIMEOUT_MS;
    this.namespace = env.REDIS_NAMESPACE;
  }
}

export class PushConfig {
  /** Undefined when push notifications are off. */
  readonly firebase?: FirebaseSettings;

  constructor(env: EnvironmentVariables) {
    this.firebase = parsedFiles(env).firebase;
  }
}

/** docs/protocol/fees-and-payments.md#two-prices */
export class FeesConfig {
  /** DEFAULT_RECIPIENT_FEES: a recipient's fee per box when they set none. */
  readonly defaultRecipientFees: Map<string, number>;
  /** MESSAGEBOX_FEES_FILE then MESSAGEBOX_FEES (which wins for a box named in both). */
  readonly serverFees: Map<string, number>;

  constructor(env: EnvironmentVariables) {
    this.defaultRecipientFees = parseBoxFeeList(env.DEFAULT_RECIPIENT_FEES);
    this.serverFees = new Map([
      ...parsedFiles(env).feeFile,
      ...parseBoxFeeList(env.MESSAGEBOX_FEES),
    ]);
  }
}

export class PaymentsConfig {
  readonly network: EnvironmentVariables['BSV_NETWORK'];
  readonly paymentMaxBytes: number;
  readonly chainTrackerUrl: string;
  readonly chainTrackerTimeoutMs: number;
  readonly chainTrackerCacheSize: number;
  readonly chainTrackerLookupsPerMinute: number;
  /** Empty: fees are recorded but not internalized into a wallet. */
  readonly walletStorageUrl: string;
  readonly feeCollectionIntervalMs: number;
  readonly feeMaxAttempts: number;
  readonly feeRetryBaseMs: number;

  constructor(env: EnvironmentVariables) {
    this.network = env.BSV_NETWORK;
    this.paymentMaxBytes = env.PAYMENT_MAX_BYTES;
    this.chainTrackerUrl = env.CHAIN_TRACKER_URL;
    this.chainTrackerTimeoutMs = env.CHAIN_TRACKER_TIMEOUT_MS;
    this.chainTrackerCacheSize = env.CHAIN_TRACKER_CACHE_SIZE;
    this.chainTrackerLookupsPerMinute = env.CHAIN_TRACKER_LOOKUPS_PER_MINUTE;
    this.walletStorageUrl = env.WALLET_STORAGE_URL;
    this.feeCollectionIntervalMs = env.FEE_COLLECTION_INTERVAL_MS;
    this.feeMaxAttempts = env.FEE_MAX_ATTEMPTS;
    this.feeRetryBaseMs = env.FEE_RETRY_BASE_MS;
  }
}

export class LoggingConfig {
  readonly level: string;
  readonly format?: EnvironmentVariables['LOG_FORMAT'];
  readonly nodeEnv: NodeEnv;

  constructor(env: EnvironmentVariables) {
    this.level = env.LOG_LEVEL;
    this.format = env.LOG_FORMAT;
    this.nodeEnv = env.NODE_ENV;
  }
}

export interface Configuration {
  server: ServerConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  limits: LimitsConfig;
  realtime: RealtimeConfig;
  redis: RedisConfig;
  push: PushConfig;
  fees: FeesConfig;
  payments: PaymentsConfig;
  logging: LoggingConfig;
}

interface ParsedFiles {
  firebase?: FirebaseSettings;
  feeFile: Map<string, number>;
}

/**
 * The settings that read files or parse secrets, done once per validated environment: validation
 * parses them to report problems, and the namespaces reuse that result.
 */
const parsedFilesByEnvironment = new WeakMap<EnvironmentVariables, ParsedFiles>();

/** Parses the Firebase settings and the fee file, keeping them for the namespaces; the problems found. */
export function parseFiles(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };
  const firebase = attempt(() => firebaseSettings(env), undefined);
  const feeFile = attempt(() => readFeeFile(env.MESSAGEBOX_FEES_FILE), new Map<string, number>());
  if (problems.length === 0) parsedFilesByEnvironment.set(env, { firebase, feeFile });
  return problems;
}

/** What parseFiles kept (it runs first for environments that did not come from validation). */
function parsedFiles(env: EnvironmentVariables): ParsedFiles {
  if (!parsedFilesByEnvironment.has(env)) {
    const problems = parseFiles(env);
    if (problems.length > 0) throw new Error(problems.join('; '));
  }
  return parsedFilesByEnvironment.get(env)!;
}

const configurationByEnvironment = new WeakMap<EnvironmentVariables, Configuration>();

/**
 * The namespaces of a validated environment, built on first use and then shared (the app, its
 * start-up summary and the admin CLI see the same objects). Built after loadEnvironment has
 * settled SERVER_PRIVATE_KEY, which is why validation does not build them itself.
 */
export function configurationOf(env: EnvironmentVariables): Configuration {
  let configuration = configurationByEnvironment.get(env);
  if (!configuration) {
    configuration = {
      server: new ServerConfig(env),
      database: new DatabaseConfig(env),
      auth: new AuthConfig(env),
      limits: new LimitsConfig(env),
      realtime: new RealtimeConfig(env),
      redis: new RedisConfig(env),
      push: new PushConfig(env),
      fees: new FeesConfig(env),
      payments: new PaymentsConfig(env),
      logging: new LoggingConfig(env),
    };
    configurationByEnvironment.set(env, configuration);
  }
  return configuration;
}
