import { InitialSchema1764140000000 } from './1764140000000-initial-schema';
import { Payments1764150000000 } from './1764150000000-payments';
import { PaymentBinding1764160000000 } from './1764160000000-payment-binding';

/** Explicit, ordered list of migrations (no globs, see entities.ts). */
export const MIGRATIONS = [
  InitialSchema1764140000000,
  Payments1764150000000,
  PaymentBinding1764160000000,
];
