import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { MessageBoxEntity } from '../../src/messages/message-box.entity';
import { MessagesRepository, NewMessage } from '../../src/messages/messages.repository';
import { PaymentLedger } from '../../src/payments/payment-ledger';
import { PaymentRecord } from '../../src/payments/payment-verifier';
import { describeEachDatabase } from '../helpers/database-targets';
import { dataSourceOnDatabase } from '../helpers/data-source-on-database';

const newKey = () => `02${randomBytes(32).toString('hex')}`;
const newId = () => randomBytes(8).toString('hex');
const message = (sender: string, recipient: string, body = 'hello'): NewMessage => ({
  messageId: newId(),
  sender,
  recipient,
  body,
});

/**
 * MessagesRepository's methods against the real databases, without the HTTP layer: what each one
 * stores, reads and deletes (the hand-written SQL of docs/sql/messages.sql, and TypeORM for the rest).
 */
describeEachDatabase('MessagesRepository on $name', (target) => {
  let ds!: DataSource;
  let repository!: MessagesRepository;
  dataSourceOnDatabase(target, (dataSource) => {
    ds = dataSource;
    repository = new MessagesRepository(ds, new TransactionRunner(ds), new PaymentLedger());
  });

  const store = (messageBox: string, rows: NewMessage[], at = new Date()) =>
    repository.storeSend({ messageBox, rows, at });
  const listAll = (recipient: string, messageBox: string) =>
    repository.list(recipient, messageBox, 100, 1_000_000);

  it('stores a send for several recipients and lists each box oldest first', async () => {
    const [sender, a, b] = [newKey(), newKey(), newKey()];
    const first = message(sender, a, 'first');
    const rows = [first, message(sender, b, 'to b'), message(sender, a, 'second')];
    expect(await store('inbox', rows)).toEqual(rows);

    const page = await listAll(a, 'inbox');
    expect(page.rows.map((r) => r.body)).toEqual(['first', 'second']);
    expect(page.rows[0]).toMatchObject({ messageId: first.messageId, sender });
    expect(page.rows[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(page.nextCursor).toBeUndefined();
    expect((await listAll(b, 'inbox')).rows.map((r) => r.body)).toEqual(['to b']);
  });

  it('lists an unknown box as empty without creating it', async () => {
    const owner = newKey();
    expect(await listAll(owner, 'never-used')).toEqual({ rows: [] });
    expect(await ds.getRepository(MessageBoxEntity).countBy({ identityKey: owner })).toBe(0);
  });

  it('writes a resend with the same ids nothing, and returns only the rows really written', async () => {
    const [sender, other, recipient] = [newKey(), newKey(), newKey()];
    const sent = message(sender, recipient);
    await store('inbox', [sent]);
    const fresh = message(sender, recipient);
    expect(await store('inbox', [sent, fresh])).toEqual([fresh]);
    // The same id from another sender is another message.
    const sameIdElsewhere = { ...sent, sender: other };
    expect(await store('inbox', [sameIdElsewhere])).toEqual([sameIdElsewhere]);
    expect((await listAll(recipient, 'inbox')).rows).toHaveLength(3);
  });

  it('pages by cursor within the row limit and the byte budget, never splitting a body', async () => {
    const [sender, recipient] = [newKey(), newKey()];
    const rows = [1, 2, 3, 4].map((n) => message(sender, recipient, `${n}`.repeat(100)));
    await store('paged', rows);

    const byRows = await repository.list(recipient, 'paged', 3, 1_000_000);
    expect(byRows.rows.map((r) => r.messageId)).toEqual(rows.slice(0, 3).map((r) => r.messageId));
    expect(byRows.nextCursor).toBe(byRows.rows[2].id);

    const byBytes = await repository.list(recipient, 'paged', 10, 250);
    expect(byBytes.rows).toHaveLength(2);
    const rest = await repository.list(recipient, 'paged', 10, 250, byBytes.nextCursor);
    expect(rest.rows.map((r) => r.messageId)).toEqual(rows.slice(2).map((r) => r.messageId));
    expect(rest.nextCursor).toBeUndefined();

    // A body above the budget still comes, alone, so it can be read at all.
    const alone = await repository.list(recipient, 'paged', 10, 10);
    expect(alone.rows).toHaveLength(1);
    expect(alone.nextCursor).toBe(alone.rows[0].id);
  });

  it('acknowledges only the caller’s own received messages', async () => {
    const [sender, recipient, stranger] = [newKey(), newKey(), newKey()];
    const [kept, acked] = [message(sender, recipient), message(sender, recipient)];
    await store('inbox', [kept, acked]);
    expect(await repository.acknowledge(stranger, [kept.messageId])).toBe(0);
    expect(await repository.acknowledge(recipient, [acked.messageId, 'unknown'])).toBe(1);
    expect((await listAll(recipient, 'inbox')).rows.map((r) => r.messageId)).toEqual([
      kept.messageId,
    ]);
  });

  it('reports the bytes waiting per recipient, in total and from one sender', async () => {
    const [sender, other, recipient] = [newKey(), newKey(), newKey()];
    await store('inbox', [message(sender, recipient, 'ab'), message(other, recipient, 'éé')]);
    const bytes = await repository.storedBytes(sender, [recipient, newKey()]);
    expect(bytes.get(recipient)).toEqual({ total: 6, fromSender: 2 });
    expect(bytes.size).toBe(1);
  });

  it('records a payment with its send in one transaction; the identical paid send writes nothing', async () => {
    const [sender, recipient] = [newKey(), newKey()];
    const record: PaymentRecord = {
      txid: randomBytes(32).toString('hex'),
      vouts: [0],
      spends: [`${randomBytes(32).toString('hex')}.0`],
    };
    const rows = [message(sender, recipient)];
    const send = { sender, messageBox: 'paid', paidFor: `${recipient}:x`, digest: 'digest-1' };
    const at = new Date();
    expect(
      await repository.storeSend({ messageBox: 'paid', rows, at, payment: { record, send } }),
    ).toEqual(rows);
    expect(
      await repository.storeSend({ messageBox: 'paid', rows, at, payment: { record, send } }),
    ).toEqual([]);

    // The same payment for another send is refused, and that send leaves no row behind.
    const other = [message(sender, recipient)];
    await expect(
      repository.storeSend({
        messageBox: 'paid',
        rows: other,
        at,
        payment: { record, send: { ...send, digest: 'digest-2' } },
      }),
    ).rejects.toMatchObject({ code: 'ERR_PAYMENT_ALREADY_USED' });
    expect((await listAll(recipient, 'paid')).rows.map((r) => r.messageId)).toEqual([
      rows[0].messageId,
    ]);
  });

  it('purges only messages stored before the cutoff and counts messages per box', async () => {
    const [sender, recipient] = [newKey(), newKey()];
    const box = `stats-${newId()}`;
    const now = Date.now();
    await store(box, [message(sender, recipient, 'old')], new Date(now - 10 * 86_400_000));
    await store(box, [message(sender, recipient, 'new')], new Date(now));
    const before = await repository.statistics();
    expect(before.find((s) => s.messageBox === box)).toEqual({ messageBox: box, messages: 2 });

    expect(await repository.purgeOlderThan(new Date(now - 5 * 86_400_000))).toBeGreaterThanOrEqual(
      1,
    );
    expect((await listAll(recipient, box)).rows.map((r) => r.body)).toEqual(['new']);
    const after = await repository.statistics();
    expect(after.find((s) => s.messageBox === box)).toEqual({ messageBox: box, messages: 1 });
  });
});
