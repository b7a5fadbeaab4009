import { Inject, Injectable } from '@nestjs/common';
import { ChainTracker, Transaction } from '@bsv/sdk';
import { AppError } from '../common/errors/app-error';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { ANYONE_IDENTITY_KEY, Brc29Locks } from './brc29-locks';
import { CHAIN_TRACKER } from './chain-tracker.provider';
import { invalidPayment, notAccepted, paymentError } from './payment-errors';
import { walletPaymentOutput, WalletPaymentOutput } from './payment-output-spec';
import {
  DeliveryPaymentRecord,
  PaymentCheck,
  PaymentVerifier,
  VerifiedPayment,
} from './payment-verifier';
import { mapRecipientOutputs } from './recipient-output-mapping';

/** Marks failures of the chain tracker itself (network), as opposed to a bad transaction. */
class TrackerUnavailable extends Error {}

/**
 * Verifies a delivery payment the way the official client builds it (HTTP-API.md §5): the Atomic
 * BEEF parses and verifies (SPV) against the ChainTracker; output 0 pays at least the delivery fee
 * to the server's BRC-29 key; every fee recipient's outputs pay at least its fee to its BRC-29 key
 * derived by "anyone". Nothing is stored or charged here; replays are refused by the ledger in the
 * send transaction.
 */
@Injectable()
export class SpvPaymentVerifier extends PaymentVerifier {
  private readonly locks: Brc29Locks;

  constructor(
    crypto: CryptoProvider,
    @Inject(CHAIN_TRACKER) private readonly tracker: ChainTracker,
  ) {
    super();
    this.locks = new Brc29Locks(crypto);
  }

  async verify(check: PaymentCheck): Promise<VerifiedPayment> {
    const tx = this.parse(check.payment.tx as unknown[]);
    await this.verifySpv(tx);
    const outputs = check.payment.outputs as unknown[];
    const vouts: number[] = [];
    let delivery: DeliveryPaymentRecord | undefined;
    if (check.deliveryFee > 0) {
      const out = walletPaymentOutput(outputs[0], 'the delivery-fee output (outputs[0])');
      // The remittance key is the sender's claim: one that is not a public key is their mistake.
      const expected = await this.locks
        .serverLock(out.derivationPrefix, out.derivationSuffix, out.senderIdentityKey)
        .catch(() => {
          throw invalidPayment('the delivery-fee remittance senderIdentityKey is not a public key');
        });
      const satoshis = this.paid(tx, out, expected, 'the server delivery fee');
      if (satoshis < check.deliveryFee) {
        throw notAccepted(
          `the delivery fee is ${check.deliveryFee} satoshis but output ${out.outputIndex} pays ${satoshis}`,
        );
      }
      vouts.push(out.outputIndex);
      delivery = {
        txid: tx.id('hex'),
        vout: out.outputIndex,
        satoshis,
        senderIdentityKey: out.senderIdentityKey,
        derivationPrefix: out.derivationPrefix,
        derivationSuffix: out.derivationSuffix,
        beefBase64: Buffer.from(check.payment.tx as number[]).toString('base64'),
      };
    }
    const recipientSide = check.deliveryFee > 0 ? outputs.slice(1) : outputs;
    const mapped = mapRecipientOutputs(recipientSide, check.feeRecipients);
    const storedPaymentFor = new Map<string, Record<string, unknown>>();
    for (const { recipient, fee } of check.feeRecipients) {
      const specs = (mapped.get(recipient) ?? []).map((o, i) =>
        walletPaymentOutput(o, `recipient output ${i} for ${recipient}`),
      );
      let total = 0;
      for (const out of specs) {
        if (out.senderIdentityKey !== ANYONE_IDENTITY_KEY) {
          throw invalidPayment(
            `recipient outputs must be derived by the "anyone" key ${ANYONE_IDENTITY_KEY}`,
          );
        }
        const expected = await this.locks.recipientLock(
          out.derivationPrefix,
          out.derivationSuffix,
          recipient,
        );
        total += this.paid(tx, out, expected, `recipient ${recipient}`);
        vouts.push(out.outputIndex);
      }
      if (total < fee)
        throw notAccepted(`recipient ${recipient} charges ${fee} satoshis but is paid ${total}`);
      storedPaymentFor.set(recipient, { ...check.payment, outputs: specs.map((s) => s.original) });
    }
    if (new Set(vouts).size !== vouts.length)
      throw invalidPayment('one output cannot pay for two fees');
    return { storedPaymentFor, record: { txid: tx.id('hex'), vouts, delivery } };
  }

  private parse(bytes: unknown[]): Transaction {
    if (!bytes.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) {
      throw paymentError(
        'ERR_MISSING_PAYMENT_TX',
        'payment.tx must be an array of byte values (Atomic BEEF).',
      );
    }
    try {
      return Transaction.fromAtomicBEEF(bytes as number[]);
    } catch {
      throw paymentError(
        'ERR_MISSING_PAYMENT_TX',
        'payment.tx is not a valid Atomic BEEF transaction.',
      );
    }
  }

  private async verifySpv(tx: Transaction): Promise<void> {
    const tracker: ChainTracker = {
      isValidRootForHeight: (root, height) =>
        this.tracker.isValidRootForHeight(root, height).catch((e: unknown) => {
          throw new TrackerUnavailable(String(e));
        }),
      currentHeight: () =>
        this.tracker.currentHeight().catch((e: unknown) => {
          throw new TrackerUnavailable(String(e));
        }),
    };
    let valid = false;
    try {
      valid = await tx.verify(tracker);
    } catch (error) {
      if (error instanceof TrackerUnavailable) {
        throw new AppError(
          'ERR_PAYMENT_VERIFICATION_UNAVAILABLE',
          'Payments cannot be verified right now; try again later.',
          503,
        );
      }
      valid = false;
    }
    if (!valid) throw notAccepted('the transaction failed SPV verification');
  }

  /** Satoshis of the output, which must exist and be locked to `expectedLock`. */
  private paid(
    tx: Transaction,
    out: WalletPaymentOutput,
    expectedLock: string,
    what: string,
  ): number {
    const output = tx.outputs[out.outputIndex];
    if (!output)
      throw invalidPayment(`output ${out.outputIndex} does not exist in the transaction`);
    if (output.lockingScript.toHex() !== expectedLock) {
      throw notAccepted(`output ${out.outputIndex} does not pay ${what}'s key`);
    }
    return output.satoshis ?? 0;
  }
}
