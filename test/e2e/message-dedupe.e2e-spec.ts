import { AuthFetch } from '@bsv/sdk';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { describeEachDatabase } from '../helpers/database-targets';
import { signedHttpSuite } from '../helpers/signed-http-suite';

/** Resends are de-duplicated per (sender, recipient, messageId), never across senders. */
describeEachDatabase('message de-duplication on $name', (target) => {
  const { app, party, post } = signedHttpSuite(target);

  const sendTo = (from: AuthFetch, recipient: string, messageId: string, body: string) =>
    post(from, '/sendMessage', {
      message: { recipient, messageBox: 'inbox', messageId, body },
    });

  it("one sender cannot suppress another's message by reusing its messageId", async () => {
    const [alice, mallory, bob] = [await party(), await party(), await party()];
    const id = `shared-${Math.random()}`;
    expect((await sendTo(mallory.http, bob.key, id, 'squatted')).status).toBe(200);
    expect((await sendTo(alice.http, bob.key, id, 'real')).status).toBe(200);
    // The same sender resending the same id is still a no-op.
    expect((await sendTo(alice.http, bob.key, id, 'real')).status).toBe(200);
    const listed = await post(bob.http, '/listMessages', { messageBox: 'inbox' });
    const messages = listed.json.messages as Array<{ sender: string; body: string }>;
    // Stored bodies are the protocol's `{"message": …}` JSON text.
    const text = (body: string) => (JSON.parse(body) as { message: string }).message;
    expect(messages.map((m) => [m.sender, text(m.body)]).sort()).toEqual(
      [
        [alice.key, 'real'],
        [mallory.key, 'squatted'],
      ].sort(),
    );
  });

  it('the migration to the per-sender key keeps every existing message', async () => {
    const ds = app().app.get(DataSource);
    const binding = MIGRATIONS.findIndex((m) => m.name === 'PaymentBinding1764160000000');
    const later = MIGRATIONS.length - binding - 1;
    for (let i = 0; i <= later; i++) await ds.undoLastMigration();
    const before = await ds.query<unknown[]>(
      'SELECT id, messageId, sender, recipient, body FROM messages ORDER BY id',
    );
    expect(before.length).toBeGreaterThan(0);
    await ds.runMigrations();
    const after = await ds.query<unknown[]>(
      'SELECT id, messageId, sender, recipient, body FROM messages ORDER BY id',
    );
    expect(after).toEqual(before);
  });
});
