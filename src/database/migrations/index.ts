import { InitialSchema1764140000000 } from './1764140000000-initial-schema';
import { Payments1764150000000 } from './1764150000000-payments';

/** Explicit, ordered list of migrations (no globs, see entities.ts). */
export const MIGRATIONS = [InitialSchema1764140000000, Payments1764150000000];
