import { ChainTracker } from '@bsv/sdk';
import { PaymentsConfig } from '../config/configuration';
import { HeaderServiceChainTracker, whatsOnChainHeaderUrl } from './header-service-chain-tracker';

/** Injection token of the ChainTracker that SPV checks of payments use. */
export const CHAIN_TRACKER = Symbol('CHAIN_TRACKER');

/**
 * The header service at CHAIN_TRACKER_URL (WhatsOnChain for BSV_NETWORK by default): contacted
 * only when a payment is verified, never at start-up. Tests provide another tracker.
 */
export const chainTrackerProvider = {
  provide: CHAIN_TRACKER,
  inject: [PaymentsConfig],
  useFactory: (payments: PaymentsConfig): ChainTracker => {
    const url = payments.chainTrackerUrl;
    return new HeaderServiceChainTracker(
      headerUrlTemplate(url) || whatsOnChainHeaderUrl(payments.network),
      payments.chainTrackerTimeoutMs,
    );
  },
};

/** A URL with `{height}` is used as is; a bare base URL is taken as WhatsOnChain-compatible. */
export const headerUrlTemplate = (url: string): string =>
  !url || url.includes('{height}') ? url : `${url.replace(/\/+$/, '')}/block/{height}/header`;
