import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { loadEnvironment } from '../../src/config/load-environment';
import { firebaseSettings } from '../../src/config/firebase-settings';
import { validateEnvironment } from '../../src/config/validate-environment';
import { tempDir } from '../helpers/temp-dir';

const KEY = 'ab'.repeat(32);

function problemsOf(raw: Record<string, string>): string[] {
  try {
    validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({ SERVER_PRIVATE_KEY: KEY });
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8080,
      DB_DRIVER: 'sqlite3',
      DB_SOURCE: 'messagebox.db',
      ROUTING_PREFIX: '',
      BSV_NETWORK: 'mainnet',
      ENABLE_WEBSOCKETS: true,
      MAX_BODY_BYTES: 20 * 1024 * 1024,
      LIST_MESSAGES_MAX: 1000,
    });
  });

  it.each([
    [{ NODE_ENV: 'production', SERVER_PRIVATE_KEY: 'xyz' }, 'SERVER_PRIVATE_KEY'],
    [{ NODE_ENV: 'production' }, 'SERVER_PRIVATE_KEY'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HTTP_PORT: 'x' }, 'HTTP_PORT'],
    [{ DB_DRIVER: 'oracle' }, 'DB_DRIVER'],
    [{ DB_DRIVER: 'mysql' }, 'DB_SOURCE'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ BSV_NETWORK: 'regtest' }, 'BSV_NETWORK'],
    [{ ENABLE_WEBSOCKETS: 'yes please' }, 'ENABLE_WEBSOCKETS'],
    [{ ROUTING_PREFIX: 'api/' }, 'ROUTING_PREFIX'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES'],
    [{ MESSAGEBOX_FEES: 'notifications=ten' }, 'MESSAGEBOX_FEES'],
  ])('refuses %o and names %s', (raw, variable) => {
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(variable);
  });

  it.each([
    [
      { FIREBASE_PROJECT_ID: 'p' },
      'FIREBASE_SERVICE_ACCOUNT_JSON or FIREBASE_SERVICE_ACCOUNT_PATH',
    ],
    [{ ENABLE_FIREBASE: 'true' }, 'FIREBASE_PROJECT_ID'],
    [
      { FIREBASE_PROJECT_ID: 'p', FIREBASE_SERVICE_ACCOUNT_JSON: '{not json' },
      'FIREBASE_SERVICE_ACCOUNT_JSON is not valid JSON',
    ],
    [
      { FIREBASE_PROJECT_ID: 'p', FIREBASE_SERVICE_ACCOUNT_JSON: '{"client_email":"x"}' },
      'FIREBASE_SERVICE_ACCOUNT_JSON must be',
    ],
    [
      { FIREBASE_PROJECT_ID: 'p', FIREBASE_SERVICE_ACCOUNT_PATH: '/nonexistent/sa.json' },
      'FIREBASE_SERVICE_ACCOUNT_PATH cannot be read',
    ],
  ])('refuses bad Firebase settings %o', (raw, message) => {
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('refuses an unreadable or malformed MESSAGEBOX_FEES_FILE', () => {
    const dir = tempDir('mb-fees-');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"notifications": -3}');
    expect(problemsOf({ MESSAGEBOX_FEES_FILE: join(dir, 'missing.json') })[0]).toContain(
      'MESSAGEBOX_FEES_FILE',
    );
    expect(problemsOf({ MESSAGEBOX_FEES_FILE: bad })[0]).toContain('"notifications"');
  });

  it('turns push off with ENABLE_FIREBASE=false whatever the Firebase variables say', () => {
    const firebase = {
      FIREBASE_PROJECT_ID: 'p',
      FIREBASE_SERVICE_ACCOUNT_JSON:
        '{"client_email":"a@b","private_key":"-----BEGIN PRIVATE KEY-----"}',
    };
    expect(firebaseSettings(validateEnvironment(firebase))?.projectId).toBe('p');
    expect(firebaseSettings(validateEnvironment({ ...firebase, ENABLE_FIREBASE: 'false' }))).toBe(
      undefined,
    );
    // Off means not read at all: a broken account does not stop a server that does not push.
    expect(problemsOf({ ENABLE_FIREBASE: 'false', FIREBASE_SERVICE_ACCOUNT_JSON: '{bad' })).toEqual(
      [],
    );
  });

  it('never repeats a Firebase secret in its message', () => {
    const secret = '{"client_email":"a@b","private_key":"TOP-SECRET-KEY-MATERIAL"}';
    const problems = problemsOf({
      FIREBASE_PROJECT_ID: 'p',
      FIREBASE_SERVICE_ACCOUNT_JSON: secret,
    });
    expect(problems.join('\n')).not.toContain('TOP-SECRET');
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', DB_DRIVER: 'oracle', SERVER_PRIVATE_KEY: 'xyz' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'DB_DRIVER',
      'PORT',
      'SERVER_PRIVATE_KEY',
    ]);
  });

  it('accepts HTTP_PORT as an alias, with PORT taking precedence', () => {
    expect(validateEnvironment({ HTTP_PORT: '9001' }).PORT).toBe(9001);
    expect(validateEnvironment({ HTTP_PORT: '9001', PORT: '9002' }).PORT).toBe(9002);
  });

  it('takes a MySQL URL from DATABASE_URL when DB_SOURCE is unset', () => {
    const env = validateEnvironment({ DB_DRIVER: 'mysql', DATABASE_URL: 'mysql://u@h:3306/db' });
    expect(env.DB_SOURCE).toBe('mysql://u@h:3306/db');
  });

  it('treats empty variables as unset', () => {
    expect(validateEnvironment({ PORT: '', REDIS_URL: '' })).toMatchObject({ PORT: 8080 });
  });
});

describe('loadEnvironment', () => {
  it('generates a development key once, stores it privately and reuses it', () => {
    const dir = tempDir('mb-key-');
    const file = join(dir, 'key');
    const first = loadEnvironment({ NODE_ENV: 'development', DEV_KEY_FILE: file });
    const second = loadEnvironment({ NODE_ENV: 'development', DEV_KEY_FILE: file });
    expect(first.env.SERVER_PRIVATE_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(first.generatedKeyFile).toBe(file);
    expect(second.env.SERVER_PRIVATE_KEY).toBe(first.env.SERVER_PRIVATE_KEY);
    expect(second.generatedKeyFile).toBeUndefined();
    expect(readFileSync(file, 'utf8').trim()).toBe(first.env.SERVER_PRIVATE_KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never generates a key in production', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production' })).toThrow(ConfigError);
  });
});
