import { DataSource } from 'typeorm';
import { FeeOutboxRepository } from '../payments/fees/fee-outbox.repository';
import { AdminOutput } from './admin-output';

/**
 * `payments [--json]`: every received delivery fee and its state (pending, internalized, failed)
 * with what an operator needs to sweep it by hand (txid, vout, satoshis, BRC-29 derivation
 * prefix and suffix, the payer's key; `--json` adds the Atomic BEEF).
 * `payments retry-failed`: failed fees go back to pending, tried again on the next pass.
 */
export async function paymentsCommand(
  ds: DataSource,
  args: string[],
  out: AdminOutput,
): Promise<void> {
  const outbox = new FeeOutboxRepository(ds);
  if (args[0] === 'retry-failed') {
    out.write(`${await outbox.retryFailed()} failed fee(s) will be tried again\n`);
    return;
  }
  const rows = await outbox.list(['pending', 'internalized', 'failed']);
  if (args[0] === '--json') {
    const fees = rows.map((r) => ({
      status: r.status,
      txid: r.txid,
      vout: r.vout,
      satoshis: r.satoshis,
      derivationPrefix: r.derivationPrefix,
      derivationSuffix: r.derivationSuffix,
      senderIdentityKey: r.senderIdentityKey,
      messageBox: r.messageBox,
      receivedAt: r.createdAt.toISOString(),
      attempts: r.attempts,
      lastError: r.lastError,
      internalizedAt: r.internalizedAt?.toISOString() ?? null,
      beef: r.beef,
    }));
    out.write(`${JSON.stringify(fees)}\n`);
    return;
  }
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  out.write(
    `Delivery fees: ${count('pending')} pending, ${count('internalized')} internalized, ${count('failed')} failed\n`,
  );
  for (const r of rows) {
    out.write(
      [
        r.status,
        `${r.txid}:${r.vout}`,
        `${r.satoshis} sats`,
        `prefix=${r.derivationPrefix}`,
        `suffix=${r.derivationSuffix}`,
        `sender=${r.senderIdentityKey}`,
        `attempts=${r.attempts}`,
        ...(r.lastError ? [`error=${r.lastError}`] : []),
      ].join('\t') + '\n',
    );
  }
}
