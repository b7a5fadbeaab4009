export const ADMIN_USAGE = `Usage: npm run admin -- <command>   (in the container: node dist/admin/admin-cli.js <command>)

  fees show                       Server delivery fee of every box (satoshis)
  fees set <box> <sats>           Set the server delivery fee of one box (0 = free)
  stats [--json]                  Messages per box, devices, sessions
  purge --older-than-days <N>     Delete unacknowledged messages stored more than N days ago
  payments [--json]               Delivery fees received: pending / internalized / failed, with
                                  txid, vout, satoshis, BRC-29 prefix/suffix and payer key to sweep
  payments retry-failed           Try failed fee internalizations again

Uses the server's configuration (environment and .env: DB_DRIVER, DB_SOURCE, REDIS_URL, ...).
Running servers apply fee changes within 5 seconds.
`;
