import { CachedKeyDeriver, PrivateKey } from '@bsv/sdk';
import { sdk, StorageKnex, StorageServer, Wallet, WalletStorageManager } from '@bsv/wallet-toolbox';
import knex, { Knex } from 'knex';
import { Server } from 'node:http';
import { join } from 'node:path';
import { freePort } from './free-port';
import { LocalWalletServices } from './local-wallet-services';

/**
 * A real wallet storage server (the wallet toolbox's StorageServer over SQLite), as an operator
 * runs for the server's wallet: started in-process on a free port with a fresh database file in
 * `dir`, and stoppable and restartable to play an outage.
 */
export class WalletStorageServer {
  url = '';
  private server?: StorageServer;
  private port = 0;

  private constructor(
    private readonly db: Knex,
    private readonly storage: StorageKnex,
    private readonly wallet: Wallet,
  ) {}

  static async start(
    dir: string,
    storageKeyHex: string,
    local: LocalWalletServices,
  ): Promise<WalletStorageServer> {
    const services = local.asWalletServices<sdk.WalletServices>();
    const db = knex({
      client: 'sqlite3',
      connection: { filename: join(dir, 'wallet-storage.sqlite') },
      useNullAsDefault: true,
    });
    const storage = new StorageKnex({
      ...StorageKnex.createStorageBaseOptions(services.chain),
      knex: db,
    });
    const key = PrivateKey.fromHex(storageKeyHex);
    await storage.migrate('messagebox fee wallet storage', key.toPublicKey().toString());
    await storage.makeAvailable();
    storage.setServices(services);
    const wallet = new Wallet({
      chain: services.chain,
      keyDeriver: new CachedKeyDeriver(key),
      storage: new WalletStorageManager(key.toPublicKey().toString(), storage),
      services,
    });
    const server = new WalletStorageServer(db, storage, wallet);
    server.port = await freePort();
    server.url = `http://127.0.0.1:${server.port}`;
    await server.resume();
    return server;
  }

  /** Listens again (after `pause`) on the same port and database. */
  async resume(): Promise<void> {
    this.server = new StorageServer(this.storage, {
      port: this.port,
      wallet: this.wallet,
      monetize: false,
    });
    this.server.start();
    await waitListening(this.server);
  }

  /** Stops answering: closes the listener and every open connection. */
  async pause(): Promise<void> {
    const http = this.server?.server as Server | undefined;
    this.server = undefined;
    if (!http) return;
    const closed = new Promise<void>((done) => http.close(() => done()));
    http.closeAllConnections();
    await closed;
  }

  /** The satoshis and outputs the storage holds for `identityKey`'s default basket. */
  async spendableOutputs(
    identityKey: string,
  ): Promise<{ txid: string; vout: number; satoshis: number }[]> {
    const user = await this.storage.findUserByIdentityKey(identityKey);
    if (!user) return [];
    const outputs = await this.storage.findOutputs({
      partial: { userId: user.userId, spendable: true },
    });
    return outputs.map((o) => ({ txid: o.txid ?? '', vout: o.vout, satoshis: o.satoshis }));
  }

  async stop(): Promise<void> {
    await this.pause();
    await this.db.destroy();
  }
}

function waitListening(server: StorageServer): Promise<void> {
  const http = server.server as Server;
  if (http.listening) return Promise.resolve();
  return new Promise((done, fail) => {
    http.once('listening', () => done());
    http.once('error', fail);
  });
}
