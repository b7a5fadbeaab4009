export const ADMIN_USAGE = `Usage: npm run admin -- <command> [--json]   (in the container: node dist/admin/admin-cli.js <command>)

  fees show                       Server delivery fee of every box (satoshis)
  fees set <box> <sats>           Set the server delivery fee of one box (0 = free)
  stats                           Messages per box, devices, sessions
  purge --older-than-days <N>     Delete unacknowledged messages stored more than N days ago
  payments                        Delivery fees received: pending / internalized / failed, with
                                  txid, vout, satoshis, BRC-29 prefix/suffix and payer key to sweep
                                  (--json adds each fee's Atomic BEEF)
  payments retry-failed           Try failed fee internalizations again
  help                            This text

  --json                          Print the result as one JSON object

Uses the server's configuration (environment and .env in the working directory: DB_DRIVER,
DB_SOURCE, REDIS_URL, ...) and never creates a database: run it where the server runs.
Running servers apply fee changes within 5 seconds.
Exit status: 0 done, 1 failed (e.g. no database), 2 bad command line.
`;
