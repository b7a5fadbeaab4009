import { P2PKH, PublicKey } from '@bsv/sdk';
import { createCryptoProvider } from '../auth/crypto/create-crypto-provider';
import { ANYONE_PRIVATE_KEY, CryptoProvider, ProtocolID } from '../auth/crypto/crypto-provider';
import { invalidPayment } from './payment-errors';

/** BRC-29 payment protocol: keys derived with keyID "<derivationPrefix> <derivationSuffix>". */
export const BRC29_PROTOCOL: ProtocolID = [2, '3241645161d8'];

const p2pkhHex = (publicKey: string) =>
  new P2PKH().lock(PublicKey.fromString(publicKey).toHash()).toHex();

/**
 * The locking scripts a valid payment must use, computed as the payer's wallet derives them:
 * the server's own BRC-29 child key for the delivery fee, and for a recipient fee the recipient's
 * child key as the public "anyone" wallet derives it (docs/protocol/fees-and-payments.md#brc-29-keys).
 */
export class Brc29Locks {
  private readonly anyone: CryptoProvider = createCryptoProvider(ANYONE_PRIVATE_KEY);

  constructor(private readonly server: CryptoProvider) {}

  async serverLock(prefix: string, suffix: string, senderIdentityKey: string): Promise<string> {
    let key: string;
    try {
      key = await this.server.derivePublicKey({
        protocolID: BRC29_PROTOCOL,
        keyID: `${prefix} ${suffix}`,
        counterparty: senderIdentityKey,
        forSelf: true,
      });
    } catch {
      // Well-formed hex that is not a point on the curve: the sender's mistake, not ours.
      throw invalidPayment('the remittance senderIdentityKey is not a valid public key');
    }
    return p2pkhHex(key);
  }

  async recipientLock(prefix: string, suffix: string, recipient: string): Promise<string> {
    const key = await this.anyone.derivePublicKey({
      protocolID: BRC29_PROTOCOL,
      keyID: `${prefix} ${suffix}`,
      counterparty: recipient,
    });
    return p2pkhHex(key);
  }
}
