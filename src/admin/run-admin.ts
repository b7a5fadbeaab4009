import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../config/environment-variables';
import { ServerFeeEntity } from '../permissions/server-fee.entity';
import { ServerFeesRepository } from '../permissions/server-fees.repository';
import { MAX_FEE } from '../permissions/permission-status';
import { adminRepositories, AdminFailure, openAdminDatabase } from './admin-database';
import { AdminOutput } from './admin-output';
import { listFeePayments, retryFailedFeePayments } from './payments-command';
import { ADMIN_USAGE } from './admin-usage';
import { serverStatistics, ServerStatistics } from './server-statistics';
import { redisNamespace } from '../common/redis/redis-namespace';
import { isBoxNameLength, MAX_BOX_NAME_LENGTH } from '../common/validation/protocol-formats';

const DAY_MS = 24 * 3600 * 1000;

/** A mistake in the command line: usage is printed, exit status 2. */
export class AdminUsageError extends Error {}

const wholeNumber = (text: string | undefined, what: string, max: number): number => {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) {
    throw new AdminUsageError(`${what} must be a whole number between 0 and ${max}`);
  }
  return Number(text);
};

/** A command's result: what `--json` prints, and the text printed otherwise. */
interface AdminResult {
  json: object;
  text: string;
}

type Command = (
  args: string[],
  db: () => Promise<DataSource>,
  env: EnvironmentVariables,
) => Promise<AdminResult>;

const COMMANDS: Record<string, Command> = {
  'fees show': async (args, db) => {
    if (args.length > 0) throw new AdminUsageError(`fees show takes no arguments`);
    const fees = await new ServerFeesRepository((await db()).getRepository(ServerFeeEntity)).all();
    const boxes = [...fees.keys()].sort();
    const text =
      boxes.length === 0
        ? 'No delivery fees set: every box is free.\n'
        : boxes.map((box) => `${box}\t${fees.get(box)}\n`).join('');
    return { json: { fees: Object.fromEntries(boxes.map((b) => [b, fees.get(b)])) }, text };
  },
  'fees set': async (args, db) => {
    if (args.length !== 2) throw new AdminUsageError('fees set needs <box> <sats>');
    const fee = wholeNumber(args[1], 'sats', MAX_FEE);
    const box = args[0].trim();
    if (!isBoxNameLength(box)) {
      throw new AdminUsageError(`box must be 1-${MAX_BOX_NAME_LENGTH} characters`);
    }
    await new ServerFeesRepository((await db()).getRepository(ServerFeeEntity)).put(box, fee, true);
    return {
      json: { messageBox: box, deliveryFee: fee },
      text: `Delivery fee of "${box}" set to ${fee} sats (running servers apply it within 5 s)\n`,
    };
  },
  stats: async (args, db, env) => {
    if (args.length > 0) throw new AdminUsageError('stats takes no arguments');
    const stats = await serverStatistics(
      await db(),
      env.REDIS_URL,
      env.AUTH_SESSION_TTL_SECONDS,
      redisNamespace(env.SERVER_PRIVATE_KEY!, env.REDIS_NAMESPACE),
    );
    return { json: stats, text: formatStatistics(stats) };
  },
  payments: async (args, db) => {
    if (args.length > 0) throw new AdminUsageError('payments takes no arguments');
    return listFeePayments(await db());
  },
  'payments retry-failed': async (args, db) => {
    if (args.length > 0) throw new AdminUsageError('payments retry-failed takes no arguments');
    return retryFailedFeePayments(await db());
  },
  purge: async (args, db) => {
    if (args.length !== 2 || args[0] !== '--older-than-days')
      throw new AdminUsageError('purge needs --older-than-days <N>');
    const days = wholeNumber(args[1], '--older-than-days', 36500);
    if (days === 0) throw new AdminUsageError('--older-than-days must be at least 1');
    const cutoff = new Date(Date.now() - days * DAY_MS);
    const deleted = await adminRepositories(await db()).messages.purgeOlderThan(cutoff);
    return {
      json: { deleted, storedBefore: cutoff.toISOString() },
      text: `Deleted ${deleted} unacknowledged message(s) stored before ${cutoff.toISOString()}\n`,
    };
  },
};

/** `fees show x` → the `fees show` command and its arguments; two-word commands first. */
function findCommand(words: string[]): { command: Command; args: string[] } | undefined {
  const two = COMMANDS[words.slice(0, 2).join(' ')];
  if (words.length >= 2 && two) return { command: two, args: words.slice(2) };
  const one = COMMANDS[words[0] ?? ''];
  return one ? { command: one, args: words.slice(1) } : undefined;
}

/**
 * The admin commands, on the server's own validated configuration and DataSource (migrations
 * included, exactly as at server start). Results go to `out`, usage and failures to `errors`.
 * Returns the process exit status: 0 done, 1 failed, 2 bad command line.
 */
export async function runAdmin(
  argv: string[],
  env: EnvironmentVariables,
  out: AdminOutput,
  errors: AdminOutput = out,
): Promise<number> {
  const json = argv.includes('--json');
  const words = argv.filter((a) => a !== '--json');
  if (words.length === 1 && (words[0] === 'help' || words[0] === '--help')) {
    out.write(ADMIN_USAGE);
    return 0;
  }
  let ds: DataSource | undefined;
  try {
    const found = findCommand(words);
    if (!found) {
      throw new AdminUsageError(
        words.length === 0 ? 'No command given' : `Unknown command: ${words.join(' ')}`,
      );
    }
    const result = await found.command(
      found.args,
      async () => (ds ??= await openAdminDatabase(env)),
      env,
    );
    out.write(json ? `${JSON.stringify(result.json)}\n` : result.text);
    return 0;
  } catch (error) {
    if (error instanceof AdminUsageError) {
      errors.write(`${error.message}\n\n${ADMIN_USAGE}`);
      return 2;
    }
    if (error instanceof AdminFailure) {
      errors.write(json ? `${JSON.stringify({ error: error.message })}\n` : `${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await ds?.destroy();
  }
}

function formatStatistics(stats: ServerStatistics): string {
  const lines = ['Messages waiting, by box:'];
  for (const r of stats.messagesByBox) lines.push(`  ${r.messageBox}\t${r.messages}`);
  lines.push(`  (total)\t${stats.totalMessages}`);
  lines.push(`Devices: ${stats.devices.total} registered, ${stats.devices.active} active`);
  lines.push(
    stats.sessions === null
      ? 'Sessions: kept in memory by each server process (set REDIS_URL to count them here)'
      : `Sessions: ${stats.sessions} live in Redis`,
  );
  return `${lines.join('\n')}\n`;
}
