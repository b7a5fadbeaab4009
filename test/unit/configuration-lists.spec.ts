import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentVariables } from '../../src/config/environment-variables';

// js-yaml is already in the tree (eslint, jest); only the compose file needs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require('js-yaml') as { load(text: string): unknown };

/**
 * Every place that lists the server's environment variables must list the same ones, read from
 * the files themselves at test time. Adding a variable means: a property of EnvironmentVariables,
 * a row in README.md's "Configuration" table and a line in .env.example. docker-compose.yml
 * passes .env through whole (env_file), so it needs nothing unless compose itself must decide
 * the value.
 */
const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

function configurationClass(): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(
    EnvironmentVariables,
    '',
    true,
    false,
  );
  return sorted(rules.map((r) => r.propertyName));
}

function readmeTable(): string[] {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Configuration\n');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  return sorted([...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]));
}

/** `.env.example` above the "Docker Compose only" marker: the server's variables. */
function envExample(): { server: string[]; composeOnly: string[] } {
  const [server, composeOnly = ''] = read('.env.example').split(/^# =+ Docker Compose only.*$/m);
  const names = (text: string) =>
    sorted([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  return { server: names(server), composeOnly: names(composeOnly) };
}

interface ComposeService {
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, unknown>;
}

function composeServers(): ComposeService[] {
  const compose = load(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
  return Object.values(compose.services).filter((s) => s.image === 'messagebox-server:local');
}

describe('the lists of environment variables', () => {
  const variables = configurationClass();

  it('finds the configuration class', () => {
    expect(variables).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'DB_SOURCE']));
  });

  it('README.md documents exactly the variables the configuration class reads', () => {
    expect(readmeTable()).toEqual(variables);
  });

  it('.env.example lists exactly the variables the configuration class reads', () => {
    expect(envExample().server).toEqual(variables);
  });

  it('.env.example compose-only variables are ones docker-compose.yml uses', () => {
    const compose = read('docker-compose.yml');
    const { composeOnly } = envExample();
    expect(composeOnly.length).toBeGreaterThan(0);
    expect(composeOnly.filter((name) => !compose.includes(`\${${name}`))).toEqual([]);
    expect(composeOnly.filter((name) => variables.includes(name))).toEqual([]);
  });

  it('docker-compose.yml passes .env to every server whole and sets only known variables', () => {
    const servers = composeServers();
    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers) {
      expect([server.env_file].flat()).toContain('.env');
      const unknown = Object.keys(server.environment ?? {}).filter((n) => !variables.includes(n));
      expect(unknown).toEqual([]);
    }
  });
});
