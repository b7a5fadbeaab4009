import { MessageBoxClient } from '@bsv/message-box-client';
import { WalletInterface } from '@bsv/sdk';
import { newWallet } from './auth-clients';

/**
 * The official client against a test server. Its overlay lookups (which hosts a key advertised)
 * would leave the machine: they are the one part faked, answering "no advertisements", so every
 * call goes to the given host.
 */
export function newMessageBoxClient(
  host: string,
  wallet: WalletInterface = newWallet(),
): MessageBoxClient {
  const client = new MessageBoxClient({
    host,
    walletClient: wallet,
    networkPreset: 'local',
    enableLogging: false,
  });
  const noAdvertisements = { query: () => Promise.resolve({ type: 'output-list', outputs: [] }) };
  (client as unknown as { lookupResolver: typeof noAdvertisements }).lookupResolver =
    noAdvertisements;
  return client;
}
