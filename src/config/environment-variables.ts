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
 * Every setting the server reads, with its default. Names follow the seed server (HTTP-API.md §7)
 * so an existing deployment's environment keeps working.
 */
export class EnvironmentVariables {
  @IsEnum(NodeEnv, { message: 'NODE_ENV must be one of development, production, test' })
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'SERVER_PRIVATE_KEY must be 64 hexadecimal characters' })
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

  @Transform(toBoolean)
  @IsBoolean({ message: 'ENABLE_FIREBASE must be true or false' })
  ENABLE_FIREBASE: boolean = false;

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

  /** `box=sats,…`: the recipient fee used when a recipient set no rule for a box (HTTP-API.md §5.3). */
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

  /** Where a development server keeps the key it generated when SERVER_PRIVATE_KEY is unset. */
  @IsString()
  DEV_KEY_FILE: string = '.server-private-key';
}
