import { Test } from '@nestjs/testing';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  configurationOf,
  FeesConfig,
  LimitsConfig,
  PushConfig,
  RealtimeConfig,
} from '../../src/config/configuration';
import { ConfigurationModule } from '../../src/config/configuration.module';
import { validateEnvironment } from '../../src/config/validate-environment';

const ACCOUNT = '{"client_email":"a@b","private_key":"-----BEGIN PRIVATE KEY-----"}';

describe('configuration namespaces', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mb-configuration-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are built once per validated environment', () => {
    const env = validateEnvironment({});
    expect(configurationOf(env)).toBe(configurationOf(env));
  });

  it('read the fee file and the Firebase account file once, at validation', () => {
    const feeFile = join(dir, 'fees.json');
    const account = join(dir, 'account.json');
    writeFileSync(feeFile, '{"invoices": 7}');
    writeFileSync(account, ACCOUNT);
    const env = validateEnvironment({
      MESSAGEBOX_FEES_FILE: feeFile,
      MESSAGEBOX_FEES: 'notifications=3',
      FIREBASE_PROJECT_ID: 'p',
      FIREBASE_SERVICE_ACCOUNT_PATH: account,
    });
    // Gone before the namespaces are built: a second read would fail.
    rmSync(feeFile);
    rmSync(account);
    const { fees, push } = configurationOf(env);
    expect([...fees.serverFees]).toEqual([
      ['invoices', 7],
      ['notifications', 3],
    ]);
    expect(push.firebase?.serviceAccount.client_email).toBe('a@b');
  });

  it('carry values in the units their readers use', () => {
    const { limits, realtime, fees } = configurationOf(
      validateEnvironment({
        RATE_LIMIT_WINDOW_SECONDS: '7',
        SOCKET_AUTH_TIMEOUT_SECONDS: '9',
        DEFAULT_RECIPIENT_FEES: 'notifications=10, inbox=2',
      }),
    );
    expect(limits.rateLimitWindowMs).toBe(7000);
    expect(realtime.authTimeoutMs).toBe(9000);
    expect([...fees.defaultRecipientFees]).toEqual([
      ['notifications', 10],
      ['inbox', 2],
    ]);
  });

  it('are injectable by class from ConfigurationModule', async () => {
    const env = validateEnvironment({ MAX_ACK_IDS: '12' });
    const module = await Test.createTestingModule({
      imports: [ConfigurationModule.forRoot(env)],
    }).compile();
    for (const namespace of Object.values(configurationOf(env)) as object[]) {
      expect(module.get(namespace.constructor)).toBe(namespace);
    }
    expect(module.get(LimitsConfig).maxAckIds).toBe(12);
    expect(module.get(PushConfig).firebase).toBeUndefined();
    expect(module.get(FeesConfig)).toBe(configurationOf(env).fees);
    expect(module.get(RealtimeConfig)).toBe(configurationOf(env).realtime);
    await module.close();
  });
});

describe('configuration readers', () => {
  const src = resolve(__dirname, '..', '..', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });

  it('inject namespaces: nothing in src/ reads settings through @nestjs/config by name', () => {
    // ConfigModule is not registered: a ConfigService injected by new code would fail at start-up.
    const readers = files(src)
      .filter((path) =>
        /@nestjs\/config|ConfigService|config\.get\(/.test(readFileSync(path, 'utf8')),
      )
      .map((path) => relative(src, path));
    expect(readers).toEqual([]);
  });
});
