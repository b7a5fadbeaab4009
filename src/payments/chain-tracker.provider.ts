import { ChainTracker, WhatsOnChain } from '@bsv/sdk';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../config/environment-variables';

/** Injection token of the ChainTracker that SPV checks of payments use. */
export const CHAIN_TRACKER = Symbol('CHAIN_TRACKER');

/**
 * WhatsOnChain for BSV_NETWORK by default: it is only contacted when a payment is verified, never
 * at start-up. Tests (and operators with their own header service) provide another tracker.
 */
export const chainTrackerProvider = {
  provide: CHAIN_TRACKER,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>): ChainTracker =>
    new WhatsOnChain(config.get('BSV_NETWORK', { infer: true }) === 'testnet' ? 'test' : 'main'),
};
