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

  @Transform(toInteger)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT: number = 8080;

  /** Alias of PORT (seed server); PORT wins when both are set. */
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'HTTP_PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'HTTP_PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'HTTP_PORT must be an integer between 0 and 65535' })
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

  @Transform(toInteger)
  @IsInt({ message: 'DB_MAX_CONNECTIONS must be an integer between 1 and 500' })
  @Min(1, { message: 'DB_MAX_CONNECTIONS must be an integer between 1 and 500' })
  @Max(500, { message: 'DB_MAX_CONNECTIONS must be an integer between 1 and 500' })
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

  @IsString()
  WALLET_STORAGE_URL: string = '';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(toInteger)
  @IsInt({ message: 'MAX_BODY_BYTES must be an integer between 1024 and 1073741824' })
  @Min(1024, { message: 'MAX_BODY_BYTES must be an integer between 1024 and 1073741824' })
  @Max(1073741824, { message: 'MAX_BODY_BYTES must be an integer between 1024 and 1073741824' })
  MAX_BODY_BYTES: number = 20 * 1024 * 1024;

  @Transform(toInteger)
  @IsInt({ message: 'LIST_MESSAGES_MAX must be an integer between 1 and 100000' })
  @Min(1, { message: 'LIST_MESSAGES_MAX must be an integer between 1 and 100000' })
  @Max(100000, { message: 'LIST_MESSAGES_MAX must be an integer between 1 and 100000' })
  LIST_MESSAGES_MAX: number = 1000;

  @Transform(toInteger)
  @IsInt({ message: 'MAX_RECIPIENTS_PER_SEND must be an integer between 1 and 10000' })
  @Min(1, { message: 'MAX_RECIPIENTS_PER_SEND must be an integer between 1 and 10000' })
  @Max(10000, { message: 'MAX_RECIPIENTS_PER_SEND must be an integer between 1 and 10000' })
  MAX_RECIPIENTS_PER_SEND: number = 100;

  @Transform(toInteger)
  @IsInt({ message: 'MAX_ACK_IDS must be an integer between 1 and 100000' })
  @Min(1, { message: 'MAX_ACK_IDS must be an integer between 1 and 100000' })
  @Max(100000, { message: 'MAX_ACK_IDS must be an integer between 1 and 100000' })
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

  @Transform(toInteger)
  @IsInt({ message: 'AUTH_SESSION_TTL_SECONDS must be an integer between 60 and 2592000' })
  @Min(60, { message: 'AUTH_SESSION_TTL_SECONDS must be an integer between 60 and 2592000' })
  @Max(2592000, { message: 'AUTH_SESSION_TTL_SECONDS must be an integer between 60 and 2592000' })
  AUTH_SESSION_TTL_SECONDS: number = 24 * 3600;

  @Transform(toInteger)
  @IsInt({ message: 'AUTH_MAX_SESSIONS must be an integer between 1 and 10000000' })
  @Min(1, { message: 'AUTH_MAX_SESSIONS must be an integer between 1 and 10000000' })
  @Max(10000000, { message: 'AUTH_MAX_SESSIONS must be an integer between 1 and 10000000' })
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
  @Transform(toInteger)
  @IsInt({ message: 'TRUST_PROXY_HOPS must be an integer between 0 and 10' })
  @Min(0, { message: 'TRUST_PROXY_HOPS must be an integer between 0 and 10' })
  @Max(10, { message: 'TRUST_PROXY_HOPS must be an integer between 0 and 10' })
  TRUST_PROXY_HOPS: number = 0;

  /** Length of the window both rate limits count in. */
  @Transform(toInteger)
  @IsInt({ message: 'RATE_LIMIT_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'RATE_LIMIT_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'RATE_LIMIT_WINDOW_SECONDS must be an integer between 1 and 86400' })
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Handshakes (POST /.well-known/auth) one client IP may start per window; 0 turns it off. */
  @Transform(toInteger)
  @IsInt({ message: 'RATE_LIMIT_HANDSHAKES_PER_IP must be an integer between 0 and 10000000' })
  @Min(0, { message: 'RATE_LIMIT_HANDSHAKES_PER_IP must be an integer between 0 and 10000000' })
  @Max(10000000, {
    message: 'RATE_LIMIT_HANDSHAKES_PER_IP must be an integer between 0 and 10000000',
  })
  RATE_LIMIT_HANDSHAKES_PER_IP: number = 600;

  /** Authenticated requests one identity key may make per window; 0 turns it off. */
  @Transform(toInteger)
  @IsInt({ message: 'RATE_LIMIT_REQUESTS_PER_IDENTITY must be an integer between 0 and 10000000' })
  @Min(0, { message: 'RATE_LIMIT_REQUESTS_PER_IDENTITY must be an integer between 0 and 10000000' })
  @Max(10000000, {
    message: 'RATE_LIMIT_REQUESTS_PER_IDENTITY must be an integer between 0 and 10000000',
  })
  RATE_LIMIT_REQUESTS_PER_IDENTITY: number = 3000;

  /** How long in-flight requests may take to finish after SIGTERM before connections are cut. */
  @Transform(toInteger)
  @IsInt({ message: 'SHUTDOWN_GRACE_SECONDS must be an integer between 0 and 600' })
  @Min(0, { message: 'SHUTDOWN_GRACE_SECONDS must be an integer between 0 and 600' })
  @Max(600, { message: 'SHUTDOWN_GRACE_SECONDS must be an integer between 0 and 600' })
  SHUTDOWN_GRACE_SECONDS: number = 25;

  /** Scheduled purge of unacknowledged messages older than this many days; 0 keeps them forever. */
  @Transform(toInteger)
  @IsInt({ message: 'MESSAGE_RETENTION_DAYS must be an integer between 0 and 36500' })
  @Min(0, { message: 'MESSAGE_RETENTION_DAYS must be an integer between 0 and 36500' })
  @Max(36500, { message: 'MESSAGE_RETENTION_DAYS must be an integer between 0 and 36500' })
  MESSAGE_RETENTION_DAYS: number = 0;

  /** Where a development server keeps the key it generated when SERVER_PRIVATE_KEY is unset. */
  @IsString()
  DEV_KEY_FILE: string = '.server-private-key';
}
