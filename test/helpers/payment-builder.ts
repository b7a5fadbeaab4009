import { P2PKH, ProtoWallet, PublicKey, Random, Utils } from '@bsv/sdk';
import { TestWallet } from './test-wallet';

export interface PlannedOutput {
  /** The literal 'server' pays the delivery fee to the server's key; a public key pays that recipient. */
  to: string;
  satoshis: number;
  /** Lock to this public key instead of the correctly derived one (wrong-key tests). */
  lockTo?: string;
}

const BRC29: [2, string] = [2, '3241645161d8'];
const anyone = new ProtoWallet('anyone');

/**
 * Builds a `payment` object exactly as @bsv/message-box-client 2.1 does (docs/protocol/fees-and-payments.md#the-payment-object):
 * BRC-29 outputs derived by the sender for the server and by "anyone" for recipients, in one real
 * transaction, with `payment.outputs` listing them in order.
 */
export async function buildPayment(
  wallet: TestWallet,
  serverKey: string,
  planned: PlannedOutput[],
) {
  const { createOutputs, outputs } = await plannedOutputs(wallet, serverKey, planned);
  const { tx } = await wallet.createAction({
    description: 'MessageBox delivery payment',
    outputs: createOutputs,
  });
  return { tx: tx as number[], outputs, description: 'MessageBox delivery payment' };
}

/** The locking scripts and `payment.outputs` entries for `planned`, derived as the client does. */
export async function plannedOutputs(
  wallet: ProtoWallet,
  serverKey: string,
  planned: PlannedOutput[],
) {
  const { publicKey: senderKey } = await wallet.getPublicKey({ identityKey: true });
  const { publicKey: anyoneKey } = await anyone.getPublicKey({ identityKey: true });
  const createOutputs: Array<{
    satoshis: number;
    lockingScript: string;
    outputDescription: string;
  }> = [];
  const outputs: Array<Record<string, unknown>> = [];
  for (const [index, p] of planned.entries()) {
    const derivationPrefix = Utils.toBase64(Random(32));
    const derivationSuffix = Utils.toBase64(Random(32));
    const keyID = `${derivationPrefix} ${derivationSuffix}`;
    const derived =
      p.to === 'server'
        ? (await wallet.getPublicKey({ protocolID: BRC29, keyID, counterparty: serverKey }))
            .publicKey
        : (await anyone.getPublicKey({ protocolID: BRC29, keyID, counterparty: p.to })).publicKey;
    const lockKey = p.lockTo ?? derived;
    createOutputs.push({
      satoshis: p.satoshis,
      lockingScript: new P2PKH().lock(PublicKey.fromString(lockKey).toHash()).toHex(),
      outputDescription: 'test payment',
    });
    outputs.push({
      outputIndex: index,
      protocol: 'wallet payment',
      paymentRemittance: {
        derivationPrefix,
        derivationSuffix,
        senderIdentityKey: p.to === 'server' ? senderKey : anyoneKey,
      },
    });
  }
  return { createOutputs, outputs };
}
