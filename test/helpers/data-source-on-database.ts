import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../../src/config/configuration';
import { openDataSource } from '../../src/database/open-data-source';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { DatabaseTarget } from './database-targets';
import { testEnvironment } from './test-environment';

/**
 * Registers the beforeAll/afterAll pair of a repository suite: the server's own DataSource on one
 * database target (migrated as at start-up, no app around it), handed to `use`; closed afterwards.
 * Use inside describeEachDatabase(), which skips targets that are not available.
 */
export function dataSourceOnDatabase(
  target: DatabaseTarget,
  use: (dataSource: DataSource) => void,
): void {
  let ds: DataSource | undefined;
  let teardown: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await target.setup();
    teardown = db.teardown;
    ds = await openDataSource(buildDataSourceOptions(new DatabaseConfig(testEnvironment(db.env))));
    use(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await teardown?.();
  });
}
