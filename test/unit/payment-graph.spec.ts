import { P2PKH, PrivateKey, Transaction } from '@bsv/sdk';
import { BeefShapeError } from '../../src/payments/spv/beef-shape';
import { paymentGraph, UnprovenAncestor } from '../../src/payments/spv/payment-graph';
import { TestChainTracker } from '../helpers/test-chain-tracker';
import { TestWallet } from '../helpers/test-wallet';

const honestBeef = async () => {
  const wallet = new TestWallet(PrivateKey.fromRandom(), new TestChainTracker());
  const lock = new P2PKH().lock(PrivateKey.fromRandom().toAddress()).toHex();
  const { tx } = await wallet.createAction({
    description: 'payment',
    outputs: [{ satoshis: 10, lockingScript: lock, outputDescription: 'x' }],
  });
  return Uint8Array.from(tx!);
};

describe('payment BEEF graph', () => {
  it('takes an honest payment apart: one proven parent, the payment unmined, its spends', async () => {
    const bytes = await honestBeef();
    const graph = paymentGraph(bytes);
    const tx = Transaction.fromAtomicBEEF(Array.from(bytes));
    expect(graph.txid).toBe(tx.id('hex'));
    expect(graph.unproven.map((t) => t.id('hex'))).toEqual([tx.id('hex')]);
    expect(graph.proven).toHaveLength(1);
    expect(graph.spends).toEqual([`${tx.inputs[0].sourceTXID}:0`]);
  });

  it('refuses every truncation of an honest payment with a shape error, never a hang', async () => {
    const bytes = await honestBeef();
    for (let n = 0; n < bytes.length; n++) {
      expect(() => paymentGraph(bytes.subarray(0, n))).toThrow(BeefShapeError);
    }
    expect(() => paymentGraph(Uint8Array.from([...bytes, 0]))).toThrow('trailing bytes');
  });

  it('refuses a payment whose parent is neither included nor proven', async () => {
    const unmined = new TestWallet(PrivateKey.fromRandom());
    const lock = new P2PKH().lock(PrivateKey.fromRandom().toAddress()).toHex();
    const { tx } = await unmined.createAction({
      description: 'payment',
      outputs: [{ satoshis: 10, lockingScript: lock, outputDescription: 'x' }],
    });
    expect(() => paymentGraph(Uint8Array.from(tx!))).toThrow(UnprovenAncestor);
  });
});
