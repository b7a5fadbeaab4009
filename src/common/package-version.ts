import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The version in package.json, read once: from src/common (tests) and dist/common (built server,
 * image) alike, package.json is two levels up.
 */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
