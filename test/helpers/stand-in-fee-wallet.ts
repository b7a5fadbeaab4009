import { P2PKH, PrivateKey, ProtoWallet, PublicKey, Transaction } from '@bsv/sdk';
import { FeeOutput, FeeWallet } from '../../src/payments/fees/fee-wallet';

/**
 * The server's wallet for tests (its storage and the network are outside the machine): it takes
 * a fee output in only if the output really pays the BRC-29 key the server's root key derives for
 * it, as a wallet's internalizeAction checks; `online = false` makes it fail like an unreachable
 * storage server.
 */
export class StandInFeeWallet extends FeeWallet {
  online = true;
  readonly received: FeeOutput[] = [];
  private readonly wallet: ProtoWallet;

  constructor(serverPrivateKeyHex: string) {
    super();
    this.wallet = new ProtoWallet(PrivateKey.fromHex(serverPrivateKeyHex));
  }

  async internalize(fee: FeeOutput): Promise<void> {
    if (!this.online) throw new Error('connect ECONNREFUSED (stand-in wallet storage is down)');
    const tx = Transaction.fromAtomicBEEF(Array.from(Buffer.from(fee.beefBase64, 'base64')));
    const { publicKey } = await this.wallet.getPublicKey({
      protocolID: [2, '3241645161d8'],
      keyID: `${fee.derivationPrefix} ${fee.derivationSuffix}`,
      counterparty: fee.senderIdentityKey,
      forSelf: true,
    });
    const expected = new P2PKH().lock(PublicKey.fromString(publicKey).toHash()).toHex();
    const output = tx.outputs[fee.vout];
    if (tx.id('hex') !== fee.txid || output?.lockingScript.toHex() !== expected)
      throw new Error('the output does not pay this wallet');
    if (output.satoshis !== fee.satoshis) throw new Error('wrong amount');
    this.received.push(fee);
  }
}
