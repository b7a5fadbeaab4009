import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PRIVATE_KEY_HEX } from '../common/validation/protocol-formats';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

export enum DbDriver {
  Sqlite = 'sqlite3',
  Mysql = 'mysql',
}

/** Booleans from the environment: only the words true/false (and 1/0) are accepted. */
const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return value;
};

/** Integers from the environment: a non-numeric string stays a string so validation names it. */
const toInteger = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
};

/** An integer variable in [min, max]; a bad value is named in one message. */
function IntegerSetting(name: string, min: number, max: number): PropertyDecorator {
  const message = `${name} must be an integer between ${min} and ${max}`;
  const decorators = [
    Transform(toInteger),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  ];
  return (target, property) => decorators.forEach((d) => d(target, property));
}

/**
 * Every setting the server reads, with its default. Names follow the seed server (docs/protocol/limits.md#configuration-names)
 * so an existing deployment's environment keeps working.
 */
export class EnvironmentVariables {
  @IsEnum(NodeEnv, { message: 'NODE_ENV must be one of development, production, test' })
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @IsOptional()
  @Matches(PRIVATE_KEY_HEX, { message: 'SERVER_PRIVATE_KEY must be 64 hexadecimal characters' })
  SERVER_PRIVATE_KEY?: string;

  @IntegerSetting('PORT', 0, 65535)
  PORT: number = 8080;

  /** Alias of PORT (seed server); PORT wins when both are set. */
  @IsOptional()
  @IntegerSetting('HTTP_PORT', 0, 65535)
  HTTP_PORT?: number;

  @IsString({ message: 'HOST must be a host name or address' })
  HOST: string = '0.0.0.0';

  @IsEnum(DbDriver, { message: 'DB_DRIVER must be one of sqlite3, mysql' })
  DB_DRIVER: DbDriver = DbDriver.Sqlite;

  /** SQLite file path (":memory:" allowed) or, with DB_DRIVER=mysql, a mysql:// URL. */
  @IsString()
  DB_SOURCE: string = 'messagebox.db';

  /** Seed-server spelling of a MySQL URL; used when DB_SOURCE is not set. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IntegerSetting('DB_MAX_CONNECTIONS', 1, 500)
  DB_MAX_CONNECTIONS: number = 20;

  @Transform(toBoolean)
  @IsBoolean({ message: 'DB_SKIP_MIGRATIONS must be true or false' })
  DB_SKIP_MIGRATIONS: boolean = false;

  @Matches(/^(\/[A-Za-z0-9._~-]+)*$/, {
    message: 'ROUTING_PREFIX must be empty or a path such as /api (no trailing slash)',
  })
  ROUTING_PREFIX: string = '';

  @IsIn(['mainnet', 'testnet'], { message: 'BSV_NETWORK must be mainnet or testnet' })
  BSV_NETWORK: 'mainnet' | 'testnet' = 'mainnet';

  @Transform(toBoolean)
  @IsBoolean({ message: 'ENABLE_WEBSOCKETS must be true or false' })
  ENABLE_WEBSOCKETS: boolean = true;

  /**
   * true: push on (Firebase settings required); false: push off whatever else is set; unset: on
   * exactly when a project id and a service account are configured.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'ENABLE_FIREBASE must be true or false' })
  ENABLE_FIREBASE?: boolean;

  @IsOptional()
  @IsString()
  FIREBASE_PROJECT_ID?: string;

  @IsOptional()
  @IsString()
  FIREBASE_SERVICE_ACCOUNT_JSON?: string;

  @IsOptional()
  @IsString()
  FIREBASE_SERVICE_ACCOUNT_PATH?: string;

  /** The wallet storage server keeping the server's own wallet, into which fees are internalized; empty: none. */
  @IsString()
  WALLET_STORAGE_URL: string = '';

  // --- payments (verification budgets and the chain tracker) ---
  @IntegerSetting('PAYMENT_MAX_BYTES', 1024, 10485760)
  PAYMENT_MAX_BYTES: number = 256 * 1024;

  @IsString()
  @Matches(/^$|^https?:\/\/\S+$/, {
    message:
      'CHAIN_TRACKER_URL must be empty or an http(s) URL (use {height} for the block height)',
  })
  CHAIN_TRACKER_URL: string = '';

  @IntegerSetting('CHAIN_TRACKER_TIMEOUT_MS', 100, 60000)
  CHAIN_TRACKER_TIMEOUT_MS: number = 5000;

  @IntegerSetting('CHAIN_TRACKER_CACHE_SIZE', 1, 10000000)
  CHAIN_TRACKER_CACHE_SIZE: number = 10000;

  @IntegerSetting('CHAIN_TRACKER_LOOKUPS_PER_MINUTE', 1, 1000000)
  CHAIN_TRACKER_LOOKUPS_PER_MINUTE: number = 20;

  @IntegerSetting('FEE_COLLECTION_INTERVAL_MS', 0, 86400000)
  FEE_COLLECTION_INTERVAL_MS: number = 30000;

  @IntegerSetting('FEE_MAX_ATTEMPTS', 1, 1000)
  FEE_MAX_ATTEMPTS: number = 12;

  @IntegerSetting('FEE_RETRY_BASE_MS', 1, 86400000)
  FEE_RETRY_BASE_MS: number = 60000;
  // --- end payments ---

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IntegerSetting('MAX_BODY_BYTES', 1024, 1073741824)
  MAX_BODY_BYTES: number = 20 * 1024 * 1024;

  @IntegerSetting('LIST_MESSAGES_MAX', 1, 100000)
  LIST_MESSAGES_MAX: number = 1000;

  @IntegerSetting('MAX_RECIPIENTS_PER_SEND', 1, 10000)
  MAX_RECIPIENTS_PER_SEND: number = 100;

  @IntegerSetting('MAX_ACK_IDS', 1, 100000)
  MAX_ACK_IDS: number = 1000;

  /** `box=sats,…`: the recipient fee used when a recipient set no rule for a box (docs/protocol/fees-and-payments.md#built-in-fees). */
  @Matches(/^\s*$|^\s*([^=,\s]+\s*=\s*\d+\s*)(,\s*[^=,\s]+\s*=\s*\d+\s*)*$/, {
    message: 'DEFAULT_RECIPIENT_FEES must look like box=sats,box2=sats',
  })
  DEFAULT_RECIPIENT_FEES: string = 'notifications=10';

  /** A JSON file `{ "box": sats }` of server delivery fees applied at start-up. */
  @IsOptional()
  @IsString()
  MESSAGEBOX_FEES_FILE?: string;

  /** `box=sats,box2=sats`: server delivery fees upserted at start-up (seed server format). */
  @IsOptional()
  @Matches(/^\s*([^=,\s]+\s*=\s*\d+\s*)(,\s*[^=,\s]+\s*=\s*\d+\s*)*$/, {
    message: 'MESSAGEBOX_FEES must look like box=sats,box2=sats',
  })
  MESSAGEBOX_FEES?: string;

  @IntegerSetting('AUTH_SESSION_TTL_SECONDS', 60, 2592000)
  AUTH_SESSION_TTL_SECONDS: number = 24 * 3600;

  @IntegerSetting('AUTH_MAX_SESSIONS', 1, 10000000)
  AUTH_MAX_SESSIONS: number = 100000;

  /** auto: native libsecp256k1 when the addon loads, else @bsv/sdk; native: required; sdk: forced. */
  @IsIn(['auto', 'native', 'sdk'], { message: 'CRYPTO_BACKEND must be auto, native or sdk' })
  CRYPTO_BACKEND: 'auto' | 'native' | 'sdk' = 'auto';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose',
  })
  LOG_LEVEL: string = 'log';

  /** json: one JSON object per line (log shippers); pretty: readable lines. Default by NODE_ENV. */
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';

  /** Serve the generated OpenAPI document at /openapi.json and its UI at /docs. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'ENABLE_DOCS must be true or false' })
  ENABLE_DOCS: boolean = true;

  /** Bearer token that unlocks GET /metrics; without it the route answers 404. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{16,}$/, {
    message: 'METRICS_TOKEN must be at least 16 printable characters without spaces',
  })
  METRICS_TOKEN?: string;

  /** Reverse proxies in front of the server whose X-Forwarded-For is trusted (0: none). */
  @IntegerSetting('TRUST_PROXY_HOPS', 0, 10)
  TRUST_PROXY_HOPS: number = 0;

  /** Length of the window both rate limits count in. */
  @IntegerSetting('RATE_LIMIT_WINDOW_SECONDS', 1, 86400)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Handshakes (POST /.well-known/auth) one client IP may start per window; 0 turns it off. */
  @IntegerSetting('RATE_LIMIT_HANDSHAKES_PER_IP', 0, 10000000)
  RATE_LIMIT_HANDSHAKES_PER_IP: number = 600;

  /** Authenticated requests one identity key may make per window; 0 turns it off. */
  @IntegerSetting('RATE_LIMIT_REQUESTS_PER_IDENTITY', 0, 10000000)
  RATE_LIMIT_REQUESTS_PER_IDENTITY: number = 3000;

  /** How long in-flight requests may take to finish after SIGTERM before connections are cut. */
  @IntegerSetting('SHUTDOWN_GRACE_SECONDS', 0, 600)
  SHUTDOWN_GRACE_SECONDS: number = 25;

  /** Scheduled purge of unacknowledged messages older than this many days; 0 keeps them forever. */
  @IntegerSetting('MESSAGE_RETENTION_DAYS', 0, 36500)
  MESSAGE_RETENTION_DAYS: number = 0;

  // ---- Resource budgets (README "Limits"): each bounds memory or work one client can cause. ----

  /** Bytes of message bodies one listMessages page carries; the rest comes with nextCursor. */
  @IntegerSetting('LIST_PAGE_MAX_BYTES', 1024, 1073741824)
  LIST_PAGE_MAX_BYTES: number = 8 * 1024 * 1024;

  /** Bytes of unacknowledged messages one recipient may have stored; 0 turns it off. */
  @IntegerSetting('MAX_STORED_BYTES_PER_RECIPIENT', 0, 1099511627776)
  MAX_STORED_BYTES_PER_RECIPIENT: number = 256 * 1024 * 1024;

  /** Bytes of unacknowledged messages one sender may have stored for one recipient; 0 = off. */
  @IntegerSetting('MAX_STORED_BYTES_PER_SENDER', 0, 1099511627776)
  MAX_STORED_BYTES_PER_SENDER: number = 64 * 1024 * 1024;

  /** Largest stored body pushed over Socket.IO; larger ones are only listed (0: none live). */
  @IntegerSetting('LIVE_MAX_BODY_BYTES', 0, 1073741824)
  LIVE_MAX_BODY_BYTES: number = 1024 * 1024;

  /** Largest Socket.IO frame accepted (Engine.IO maxHttpBufferSize); big bodies go over HTTP. */
  @IntegerSetting('SOCKET_MAX_FRAME_BYTES', 1024, 67108864)
  SOCKET_MAX_FRAME_BYTES: number = 4 * 1024 * 1024;

  /** Rooms one socket may be in at once. */
  @IntegerSetting('SOCKET_MAX_ROOMS', 1, 100000)
  SOCKET_MAX_ROOMS: number = 64;

  /** Open sockets one identity key may have at once (on this instance). */
  @IntegerSetting('SOCKET_MAX_PER_IDENTITY', 1, 100000)
  SOCKET_MAX_PER_IDENTITY: number = 16;

  /** Open sockets, authenticated or not, one client IP may have at once (on this instance). */
  @IntegerSetting('SOCKET_MAX_PER_IP', 1, 1000000)
  SOCKET_MAX_PER_IP: number = 256;

  /** Seconds a socket may stay open without a verified message before it is closed. */
  @IntegerSetting('SOCKET_AUTH_TIMEOUT_SECONDS', 1, 3600)
  SOCKET_AUTH_TIMEOUT_SECONDS: number = 30;

  /** Seconds a verified socket in no room may stay silent before it is closed; 0 = never. */
  @IntegerSetting('SOCKET_IDLE_TIMEOUT_SECONDS', 0, 86400)
  SOCKET_IDLE_TIMEOUT_SECONDS: number = 300;

  /** Largest handshake body (POST /.well-known/auth), refused before it is parsed. */
  @IntegerSetting('HANDSHAKE_MAX_BODY_BYTES', 256, 1048576)
  HANDSHAKE_MAX_BODY_BYTES: number = 8 * 1024;

  /** Live sessions created from one client IP; the IP's least recently used one goes first. */
  @IntegerSetting('AUTH_MAX_SESSIONS_PER_IP', 1, 10000000)
  AUTH_MAX_SESSIONS_PER_IP: number = 1000;

  /** Signed messages one session may send (replay entries kept); then it must re-handshake. */
  @IntegerSetting('AUTH_MAX_MESSAGES_PER_SESSION', 1, 10000000)
  AUTH_MAX_MESSAGES_PER_SESSION: number = 100000;

  /** Memory for the in-process replay cache (all sessions); the largest session goes first. */
  @IntegerSetting('AUTH_REPLAY_CACHE_MAX_BYTES', 65536, 17179869184)
  AUTH_REPLAY_CACHE_MAX_BYTES: number = 64 * 1024 * 1024;

  /** Authenticated requests and socket events from one client IP per window; 0 turns it off. */
  @IntegerSetting('RATE_LIMIT_REQUESTS_PER_IP', 0, 10000000)
  RATE_LIMIT_REQUESTS_PER_IP: number = 12000;

  /** Bytes of an over-limit body read and discarded so the client sees the 413 (then close). */
  @IntegerSetting('BODY_DRAIN_MAX_BYTES', 0, 1073741824)
  BODY_DRAIN_MAX_BYTES: number = 64 * 1024 * 1024;

  /** Seconds an over-limit body is drained at most before the connection is closed. */
  @IntegerSetting('BODY_DRAIN_SECONDS', 0, 600)
  BODY_DRAIN_SECONDS: number = 5;

  /** Seconds a client may take to send a whole request (Node's server.requestTimeout). */
  @IntegerSetting('HTTP_REQUEST_TIMEOUT_SECONDS', 1, 3600)
  HTTP_REQUEST_TIMEOUT_SECONDS: number = 60;

  /** Seconds a client may take to send the request headers (Node's server.headersTimeout). */
  @IntegerSetting('HTTP_HEADERS_TIMEOUT_SECONDS', 1, 600)
  HTTP_HEADERS_TIMEOUT_SECONDS: number = 15;

  // ---- End of resource budgets. ----

  // --- Dependency failures and several instances -------------------------------------------

  /** How long connecting to Redis may take before the attempt fails (and is retried). */
  @IntegerSetting('REDIS_CONNECT_TIMEOUT_MS', 100, 60000)
  REDIS_CONNECT_TIMEOUT_MS: number = 1500;

  /** How long one Redis command may take before the request is answered 503. */
  @IntegerSetting('REDIS_COMMAND_TIMEOUT_MS', 100, 60000)
  REDIS_COMMAND_TIMEOUT_MS: number = 1500;

  /**
   * Prefix of every Redis key and Pub/Sub channel. Default: derived from the server identity key,
   * so deployments sharing one Redis never see each other's sessions or deliveries.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'REDIS_NAMESPACE must be 1 to 64 letters, digits, ".", "_" or "-"',
  })
  REDIS_NAMESPACE?: string;

  /** How long connecting to MySQL may take before the request is answered 503. */
  @IntegerSetting('DB_CONNECT_TIMEOUT_MS', 100, 60000)
  DB_CONNECT_TIMEOUT_MS: number = 2000;

  /** How long one MySQL query may run before it is abandoned and the request answered 503. */
  @IntegerSetting('DB_QUERY_TIMEOUT_MS', 100, 600000)
  DB_QUERY_TIMEOUT_MS: number = 5000;

  /**
   * After SIGTERM, how long readiness answers 503 while the listener still serves, so that the
   * proxy stops routing here before connections are refused.
   */
  @IntegerSetting('SHUTDOWN_DRAIN_SECONDS', 0, 600)
  SHUTDOWN_DRAIN_SECONDS: number = 5;

  // -------------------------------------------------------------------------------------------

  /** Where a development server keeps the key it generated when SERVER_PRIVATE_KEY is unset. */
  @IsString()
  DEV_KEY_FILE: string = '.server-private-key';
}
