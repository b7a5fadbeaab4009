import { ChainTracker } from '@bsv/sdk';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from '../config/environment-variables';
import { HeaderServiceChainTracker, whatsOnChainHeaderUrl } from './header-service-chain-tracker';

/** Injection token of the ChainTracker that SPV checks of payments use. */
export const CHAIN_TRACKER = Symbol('CHAIN_TRACKER');

/**
 * The header service at CHAIN_TRACKER_URL (WhatsOnChain for BSV_NETWORK by default): contacted
 * only when a payment is verified, never at start-up. Tests provide another tracker.
 */
export const chainTrackerProvider = {
  provide: CHAIN_TRACKER,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>): ChainTracker => {
    const url = config.get('CHAIN_TRACKER_URL', { infer: true });
    return new HeaderServiceChainTracker(
      headerUrlTemplate(url) || whatsOnChainHeaderUrl(config.get('BSV_NETWORK', { infer: true })),
      config.get('CHAIN_TRACKER_TIMEOUT_MS', { infer: true }),
    );
  },
};

/** A URL with `{height}` is used as is; a bare base URL is taken as WhatsOnChain-compatible. */
export const headerUrlTemplate = (url: string): string =>
  !url || url.includes('{height}') ? url : `${url.replace(/\/+$/, '')}/block/{height}/header`;
