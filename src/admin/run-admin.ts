import { DataSource } from 'typeorm';
import { EnvironmentVariables } from '../config/environment-variables';
import { databaseSettingsFrom } from '../database/database-settings';
import { openDataSource } from '../database/open-data-source';
import { TransactionRunner } from '../database/transaction-runner';
import { buildDataSourceOptions } from '../database/typeorm-options';
import { ServerFeeEntity } from '../permissions/server-fee.entity';
import { ServerFeesRepository } from '../permissions/server-fees.repository';
import { MAX_FEE } from '../permissions/permission-status';
import { MessageRetentionRepository } from '../retention/message-retention.repository';
import { AdminOutput } from './admin-output';
import { ADMIN_USAGE } from './admin-usage';
import { serverStatistics } from './server-statistics';
import { redisNamespace } from '../common/redis/redis-namespace';

const DAY_MS = 24 * 3600 * 1000;

/** A mistake in the command line: usage is printed, exit status 2. */
export class AdminUsageError extends Error {}

const wholeNumber = (text: string | undefined, what: string, max: number): number => {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) {
    throw new AdminUsageError(`${what} must be a whole number between 0 and ${max}`);
  }
  return Number(text);
};

/**
 * The admin commands, on the server's own validated configuration and DataSource (migrations
 * included, exactly as at server start). Returns the process exit status.
 */
export async function runAdmin(
  args: string[],
  env: EnvironmentVariables,
  out: AdminOutput,
): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    out.write(ADMIN_USAGE);
    return command ? 0 : 2;
  }
  let ds: DataSource | undefined;
  try {
    const open = async () =>
      (ds = await openDataSource(buildDataSourceOptions(databaseSettingsFrom(env))));
    if (command === 'fees' && rest[0] === 'show' && rest.length === 1) {
      await showFees(await open(), out);
    } else if (command === 'fees' && rest[0] === 'set' && rest.length === 3) {
      const fee = wholeNumber(rest[2], 'sats', MAX_FEE);
      const box = rest[1].trim();
      if (box.length === 0 || box.length > 255)
        throw new AdminUsageError('box must be 1-255 characters');
      const fees = new ServerFeesRepository((await open()).getRepository(ServerFeeEntity));
      await fees.put(box, fee, true);
      out.write(
        `Delivery fee of "${box}" set to ${fee} sats (running servers apply it within 5 s)\n`,
      );
    } else if (
      command === 'stats' &&
      (rest.length === 0 || (rest.length === 1 && rest[0] === '--json'))
    ) {
      const stats = await serverStatistics(
        await open(),
        env.REDIS_URL,
        env.AUTH_SESSION_TTL_SECONDS,
        redisNamespace(env.SERVER_PRIVATE_KEY!, env.REDIS_NAMESPACE),
      );
      out.write(rest[0] === '--json' ? `${JSON.stringify(stats)}\n` : formatStatistics(stats));
    } else if (command === 'purge' && rest[0] === '--older-than-days' && rest.length === 2) {
      const days = wholeNumber(rest[1], '--older-than-days', 36500);
      if (days === 0) throw new AdminUsageError('--older-than-days must be at least 1');
      const cutoff = new Date(Date.now() - days * DAY_MS);
      const db = await open();
      const repository = new MessageRetentionRepository();
      const deleted = await new TransactionRunner(db).run((m) =>
        repository.deleteOlderThan(m, cutoff),
      );
      out.write(
        `Deleted ${deleted} unacknowledged message(s) stored before ${cutoff.toISOString()}\n`,
      );
    } else {
      throw new AdminUsageError(`Unknown command: ${args.join(' ')}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AdminUsageError)) throw error;
    out.write(`${error.message}\n\n${ADMIN_USAGE}`);
    return 2;
  } finally {
    await ds?.destroy();
  }
}

async function showFees(ds: DataSource, out: AdminOutput): Promise<void> {
  const fees = await new ServerFeesRepository(ds.getRepository(ServerFeeEntity)).all();
  const boxes = [...fees.keys()].sort();
  if (boxes.length === 0) out.write('No delivery fees set: every box is free.\n');
  for (const box of boxes) out.write(`${box}\t${fees.get(box)}\n`);
}

function formatStatistics(stats: Awaited<ReturnType<typeof serverStatistics>>): string {
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
