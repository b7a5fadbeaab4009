/** Jest setupFiles entry: every test process runs as NODE_ENV=test, quiet, and offline. */
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
