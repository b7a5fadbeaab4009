import { Injectable } from '@nestjs/common';
import { Transaction } from '@bsv/sdk';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ANYONE_IDENTITY_KEY, CryptoProvider } from '../auth/crypto/crypto-provider';
import { loadNativeSecp256k1 } from '../auth/crypto/create-crypto-provider';
import { Secp256k1Addon } from '../auth/crypto/secp256k1-addon';
import { PaymentsConfig } from '../config/configuration';
import { Brc29Locks } from './brc29-locks';
import { invalidPayment, notAccepted, paymentError } from './payment-errors';
import { walletPaymentOutput, WalletPaymentOutput } from './payment-output-spec';
import {
  DeliveryPaymentRecord,
  PaymentCheck,
  PaymentVerifier,
  VerifiedPayment,
} from './payment-verifier';
import { mapRecipientOutputs } from './recipient-output-mapping';
import { BEEF_LIMITS } from './spv/beef-limits';
import { BeefShapeError } from './spv/beef-shape';
import { MerkleRootChecker } from './spv/merkle-root-checker';
import { checkP2pkhSpend, SpendRefused } from './spv/p2pkh-spend-check';
import { PaymentGraph, paymentGraph, UnprovenAncestor } from './spv/payment-graph';

/**
 * Verifies a delivery payment the way the official client builds it, at a cost bounded whatever
 * the BEEF holds, cheapest checks first:
 * 1. size (PAYMENT_MAX_BYTES) and a strict, linear shape check of the Atomic BEEF (beef-shape.ts);
 * 2. the outputs: output 0 pays at least the delivery fee to the server's BRC-29 key, each fee
 *    recipient's outputs pay at least its fee to its BRC-29 key derived by "anyone" (exact P2PKH);
 * 3. every branch of unmined transactions ends in a transaction proven by a merkle path whose
 *    root the chain tracker confirms (cached, time-limited, budgeted per identity);
 * 4. only then the inputs of the unmined transactions, each a standard P2PKH spend checked with
 *    one signature verification, yielding to the event loop between inputs.
 * Nothing is stored or charged here; the ledger binds the payment to the send in its transaction.
 */
@Injectable()
export class SpvPaymentVerifier extends PaymentVerifier {
  private readonly locks: Brc29Locks;
  private readonly maxBytes: number;
  private readonly secp: Secp256k1Addon | undefined = loadNativeSecp256k1();

  constructor(
    crypto: CryptoProvider,
    private readonly roots: MerkleRootChecker,
    payments: PaymentsConfig,
  ) {
    super();
    this.locks = new Brc29Locks(crypto);
    this.maxBytes = payments.paymentMaxBytes;
  }

  async verify(check: PaymentCheck): Promise<VerifiedPayment> {
    const bytes = this.bytes(check.payment.tx as unknown[]);
    const graph = this.graph(bytes);
    const tx = graph.subject;
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
        txid: graph.txid,
        vout: out.outputIndex,
        satoshis,
        senderIdentityKey: out.senderIdentityKey,
        derivationPrefix: out.derivationPrefix,
        derivationSuffix: out.derivationSuffix,
        beefBase64: Buffer.from(bytes).toString('base64'),
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
    await this.proveAncestors(check.sender, graph);
    await this.checkUnmined(graph);
    return {
      storedPaymentFor,
      record: { txid: graph.txid, vouts, spends: graph.spends, delivery },
    };
  }

  private bytes(values: unknown[]): Uint8Array {
    if (values.length > this.maxBytes) {
      throw paymentError(
        'ERR_PAYMENT_TOO_LARGE',
        `payment.tx is ${values.length} bytes; this server accepts at most ${this.maxBytes}.`,
      );
    }
    if (!values.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) {
      throw paymentError(
        'ERR_MISSING_PAYMENT_TX',
        'payment.tx must be an array of byte values (Atomic BEEF).',
      );
    }
    return Uint8Array.from(values as number[]);
  }

  private graph(bytes: Uint8Array): PaymentGraph {
    try {
      return paymentGraph(bytes);
    } catch (error) {
      if (error instanceof UnprovenAncestor)
        throw notAccepted(`the transaction failed SPV verification: ${error.message}`);
      if (error instanceof BeefShapeError) {
        throw paymentError(
          'ERR_MISSING_PAYMENT_TX',
          `payment.tx is not an acceptable Atomic BEEF transaction: ${error.message}.`,
        );
      }
      throw error;
    }
  }

  /** Every merkle path proves its transaction under a root the chain tracker confirms. */
  private async proveAncestors(sender: string, graph: PaymentGraph): Promise<void> {
    const roots = new Map<string, { height: number; root: string }>();
    for (const { txid, path } of graph.proven) {
      let root: string;
      try {
        // A coinbase (offset 0) would need a maturity check; no payment needs to spend one.
        if (path.path[0].find((l) => l.hash === txid)?.offset === 0) throw new Error('coinbase');
        root = path.computeRoot(txid);
      } catch {
        throw notAccepted(`the merkle path of ${txid} is not valid`);
      }
      roots.set(`${path.blockHeight}:${root}`, { height: path.blockHeight, root });
    }
    if (roots.size > BEEF_LIMITS.maxRootsPerPayment)
      throw invalidPayment('the payment depends on too many blocks');
    for (const { height, root } of roots.values()) {
      if (!(await this.roots.isValidRoot(sender, height, root)))
        throw notAccepted(`the merkle root for block ${height} is not the chain's`);
    }
  }

  /** The scripts of unmined transactions, all standard P2PKH spends, and their amounts. */
  private async checkUnmined(graph: PaymentGraph): Promise<void> {
    for (const tx of graph.unproven) {
      let inputTotal = 0;
      for (let i = 0; i < tx.inputs.length; i++) {
        await yieldToEventLoop();
        try {
          checkP2pkhSpend(tx, i, this.secp);
        } catch (error) {
          if (error instanceof SpendRefused)
            throw notAccepted(`transaction ${tx.id('hex')}: ${error.message}`);
          throw error;
        }
        const input = tx.inputs[i];
        inputTotal += input.sourceTransaction!.outputs[input.sourceOutputIndex].satoshis ?? 0;
      }
      const outputTotal = tx.outputs.reduce((sum, o) => sum + (o.satoshis ?? 0), 0);
      if (outputTotal > inputTotal)
        throw notAccepted(`transaction ${tx.id('hex')} spends more than its inputs hold`);
    }
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
