import { AuthSocketClient } from '@bsv/authsocket-client';
import { WalletInterface } from '@bsv/sdk';
import { newWallet } from './auth-clients';

export type AuthSocket = ReturnType<typeof AuthSocketClient>;

/** The official BRC-103 socket client, without automatic reconnection (tests close it). */
export function newAuthSocket(url: string, wallet: WalletInterface = newWallet()): AuthSocket {
  return AuthSocketClient(url, { wallet, managerOptions: { reconnection: false, forceNew: true } });
}
