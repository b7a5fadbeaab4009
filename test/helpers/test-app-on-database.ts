import { DatabaseTarget } from './database-targets';
import { TestApp } from './create-test-app';

/**
 * Registers the beforeAll/afterAll pair of a suite that runs on one database target: prepares the
 * database, boots the app with `boot(databaseEnv)` and hands it to `use`; closes both afterwards.
 * Use inside describeEachDatabase(), which skips targets that are not available.
 */
export function testAppOnDatabase(
  target: DatabaseTarget,
  boot: (databaseEnv: Record<string, string>) => Promise<TestApp>,
  use: (app: TestApp) => void,
): void {
  let app: TestApp | undefined;
  let teardown: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await target.setup();
    teardown = db.teardown;
    app = await boot(db.env);
    use(app);
  });
  afterAll(async () => {
    await app?.close();
    await teardown?.();
  });
}
