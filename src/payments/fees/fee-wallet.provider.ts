import { sdk, Services } from '@bsv/wallet-toolbox-client';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../../config/environment-variables';
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

const chainOf = (config: ConfigService<EnvironmentVariables, true>): sdk.Chain =>
  config.get('BSV_NETWORK', { infer: true }) === 'testnet' ? 'test' : 'main';

export const feeWalletServicesProvider = {
  provide: FEE_WALLET_SERVICES,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>): sdk.WalletServices =>
    new Services(chainOf(config)),
};

/** The server's wallet at WALLET_STORAGE_URL, or null (fees stay pending for sweeping by hand). */
export const feeWalletProvider = {
  provide: FEE_WALLET,
  inject: [ConfigService, FEE_WALLET_SERVICES],
  useFactory: (
    config: ConfigService<EnvironmentVariables, true>,
    services: sdk.WalletServices,
  ): FeeWallet | null => {
    const url = config.get('WALLET_STORAGE_URL', { infer: true });
    const key = config.get('SERVER_PRIVATE_KEY', { infer: true });
    if (!url || !key) return null;
    return new ToolboxFeeWallet(key, url, chainOf(config), services, STORAGE_CALL_TIMEOUT_MS);
  },
};
