import { sdk, Services } from '@bsv/wallet-toolbox-client';
import { PaymentsConfig, ServerConfig } from '../../config/configuration';
import { FEE_WALLET, FeeWallet } from './fee-wallet';
import { ToolboxFeeWallet } from './toolbox-fee-wallet';

/**
 * Injection token of the chain and broadcast services the server's wallet uses (the toolbox's
 * default providers for BSV_NETWORK; tests provide local ones). Nothing is contacted until a fee
 * is internalized.
 */
export const FEE_WALLET_SERVICES = Symbol('FEE_WALLET_SERVICES');

/** Longest wait for one call to the wallet storage server. */
const STORAGE_CALL_TIMEOUT_MS = 30_000;

const chainOf = (payments: PaymentsConfig): sdk.Chain =>
  payments.network === 'testnet' ? 'test' : 'main';

export const feeWalletServicesProvider = {
  provide: FEE_WALLET_SERVICES,
  inject: [PaymentsConfig],
  useFactory: (payments: PaymentsConfig): sdk.WalletServices => new Services(chainOf(payments)),
};

/** The server's wallet at WALLET_STORAGE_URL, or null (fees stay pending for sweeping by hand). */
export const feeWalletProvider = {
  provide: FEE_WALLET,
  inject: [PaymentsConfig, ServerConfig, FEE_WALLET_SERVICES],
  useFactory: (
    payments: PaymentsConfig,
    server: ServerConfig,
    services: sdk.WalletServices,
  ): FeeWallet | null => {
    const url = payments.walletStorageUrl;
    const key = server.privateKey;
    if (!url || !key) return null;
    return new ToolboxFeeWallet(key, url, chainOf(payments), services, STORAGE_CALL_TIMEOUT_MS);
  },
};
