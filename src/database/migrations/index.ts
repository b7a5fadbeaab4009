import { InitialSchema1764140000000 } from './1764140000000-initial-schema';
import { Payments1764150000000 } from './1764150000000-payments';
import { PaymentBinding1764160000000 } from './1764160000000-payment-binding';
import { BinaryBoxNames1764160000001 } from './1764160000001-binary-box-names';
import { FeeOutbox1764160000002 } from './1764160000002-fee-outbox';

/**
 * Explicit, ordered list of migrations (no globs, see entities.ts). Migrations are frozen history:
 * once released they are never edited, so what they repeat (table set-up, timestamp columns)
 * stays repeated on purpose; shared definitions belong to the entities (timestamp-columns.ts).
 */
export const MIGRATIONS = [
  InitialSchema1764140000000,
  Payments1764150000000,
  PaymentBinding1764160000000,
  BinaryBoxNames1764160000001,
  FeeOutbox1764160000002,
];
