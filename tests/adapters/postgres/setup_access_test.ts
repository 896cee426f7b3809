import { memorySetupAccess } from "../../../adapters/memory/setup_access.ts";
import { migrate } from "../../../adapters/postgres/migrate.ts";
import { postgresSetupAccess } from "../../../adapters/postgres/setup_access_repository.ts";
import { setupAccessContract } from "../../application/ports/setup_access_contract.ts";
import { testDatabase } from "../../support/database.ts";

Deno.test("memory setup access: contract", (t) =>
  setupAccessContract(t, () => Promise.resolve(memorySetupAccess())));

Deno.test("postgres setup access: contract", async (t) => {
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
