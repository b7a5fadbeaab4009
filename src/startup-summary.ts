import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { CryptoProvider } from './auth/crypto/crypto-provider';
import { PACKAGE_VERSION } from './common/package-version';
import { EnvironmentVariables } from './config/environment-variables';
import { pushEnabled } from './push/push-imports';

export interface StartupSummary {
  version: string;
  database: string;
  redis: 'on' | 'off';
  websockets: 'on' | 'off';
  push: 'on' | 'off';
  crypto: string;
  listen: string;
  identityKey: string;
}

const onOff = (on: boolean): 'on' | 'off' => (on ? 'on' : 'off');

/** What the operator needs to know about a server that just started, from the running app. */
export function startupSummary(
  app: INestApplication,
  env: EnvironmentVariables,
  identityKey: string,
): StartupSummary {
  const server = app.getHttpServer() as Server;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // mysql or mariadb (detected at connection), sqlite with its file.
  const type = app.get(DataSource).options.type;
  return {
    version: PACKAGE_VERSION,
    database: type === 'sqlite' ? `sqlite (${env.DB_SOURCE})` : type,
    redis: onOff(env.REDIS_URL !== undefined),
    websockets: onOff(env.ENABLE_WEBSOCKETS),
    push: onOff(pushEnabled(env)),
    crypto:
      app.get(CryptoProvider).kind === 'native' ? 'native libsecp256k1' : '@bsv/sdk (pure JS)',
    listen: `http://${host}:${address.port}`,
    identityKey,
  };
}

/** The one start-up line: the summary's fields stay machine-readable next to it in JSON logs. */
export function summaryMessage(s: StartupSummary): string {
  return (
    `Listening on ${s.listen}: MessageBox Server ${s.version}, database ${s.database}, ` +
    `Redis ${s.redis}, websockets ${s.websockets}, push ${s.push}, crypto ${s.crypto}`
  );
}
