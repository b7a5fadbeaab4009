#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '../config/config-error';
import { loadEnvironment } from '../config/load-environment';
import { runAdmin } from './run-admin';
import { describeError } from '../common/errors/describe-error';

/** `npm run admin -- …` / `node dist/admin/admin-cli.js …` (also inside the container). */
async function main(): Promise<number> {
  try {
    // No development key is generated: the admin commands never sign anything.
    const { env } = loadEnvironment(process.env, '.env', false);
    return await runAdmin(process.argv.slice(2), env, process.stdout, process.stderr);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`admin: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);
