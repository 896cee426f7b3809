import { migrate } from "../../../adapters/postgres/migrate.ts";
import { postgresSetupAccess } from "../../../adapters/postgres/setup_access_repository.ts";
import { setupAccessContract } from "../../application/ports/setup_access_contract.ts";
import { testDatabase } from "../../support/database.ts";

Deno.test("setup access contract on the Postgres adapter", async (t) => {
  const db = await testDatabase();
  try {
    await migrate(db.sql);
    await setupAccessContract(t, async () => {
      await db.sql`TRUNCATE setup_links, setup_sessions`;
      return postgresSetupAccess(db.sql);
    });
  } finally {
    await db.close();
  }
});
