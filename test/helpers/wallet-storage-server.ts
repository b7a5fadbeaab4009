import { CachedKeyDeriver, PrivateKey } from '@bsv/sdk';
import {
  Monitor,
  sdk,
  StorageKnex,
  StorageServer,
  Task,
  Wallet,
  WalletStorageManager,
} from '@bsv/wallet-toolbox';
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
    private readonly services: sdk.WalletServices,
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
    const server = new WalletStorageServer(db, storage, wallet, services);
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
    if (http) await closeNow(http);
  }

  /**
   * One pass of the toolbox Monitor's SendWaiting task over this storage, as the Monitor an
   * operator runs next to the storage server does every 8 s (`addDefaultTasks`): it broadcasts
   * the transactions internalizeAction left `unsent`. No age threshold here (the Monitor's default
   * waits 7 s), and only this task: the others follow proofs from services the test does not have.
   */
  async broadcastWaiting(): Promise<string> {
    const monitor = new Monitor({
      chain: this.services.chain,
      services: this.services,
      storage: this.wallet.storage,
      chaintracks: undefined as unknown as Monitor['chaintracks'],
      msecsWaitPerMerkleProofServiceReq: 500,
      taskRunWaitMsecs: 5000,
      abandonedMsecs: 5 * Monitor.oneMinute,
      unprovenAttemptsLimitTest: 100,
      unprovenAttemptsLimitMain: 144,
      maxRebroadcastAttempts: 0,
    });
    monitor.addTask(new Task.TaskSendWaiting(monitor, 8 * Monitor.oneSecond, 0));
    return monitor.runTask(Task.TaskSendWaiting.taskName);
  }

  /** Status of the storage's broadcast request for `txid` (`unsent`, `unmined`, …), if any. */
  async broadcastStatus(txid: string): Promise<string | undefined> {
    const [req] = await this.storage.findProvenTxReqs({ partial: { txid } });
    return req?.status;
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

/** Closes the listener and every open connection at once, resolving when it is closed. */
function closeNow(http: Server): Promise<void> {
  const closed = new Promise<void>((done) => http.close(() => done()));
  http.closeAllConnections();
  return closed;
}
