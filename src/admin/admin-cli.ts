import 'reflect-metadata';
import { ConfigError } from '../config/config-error';
import { loadEnvironment } from '../config/load-environment';
import { runAdmin } from './run-admin';

/** `npm run admin -- …` / `node dist/admin/admin-cli.js …` (also inside the container). */
async function main(): Promise<number> {
  try {
    const { env } = loadEnvironment();
    return await runAdmin(process.argv.slice(2), env, process.stdout);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
