import { DataSource } from 'typeorm';
import { FeeOutboxRepository } from '../payments/fees/fee-outbox.repository';

/** What an admin command returns: the `--json` value and the text printed otherwise. */
interface PaymentsResult {
  json: object;
  text: string;
}

/**
 * `payments`: every received delivery fee and its state (pending, internalized, failed) with what
 * an operator needs to sweep it by hand (txid, vout, satoshis, BRC-29 derivation prefix and
 * suffix, the payer's key; the JSON form adds the Atomic BEEF).
 */
export async function listFeePayments(ds: DataSource): Promise<PaymentsResult> {
  const rows = await new FeeOutboxRepository(ds).list(['pending', 'internalized', 'failed']);
  const json = rows.map((r) => ({
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
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const lines = rows.map(
    (r) =>
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
  const text =
    `Delivery fees: ${count('pending')} pending, ${count('internalized')} internalized, ` +
    `${count('failed')} failed\n` +
    lines.join('');
  return { json, text };
}

/** `payments retry-failed`: failed fees go back to pending and are tried again on the next pass. */
export async function retryFailedFeePayments(ds: DataSource): Promise<PaymentsResult> {
  const retried = await new FeeOutboxRepository(ds).retryFailed();
  return { json: { retried }, text: `${retried} failed fee(s) will be tried again\n` };
}
