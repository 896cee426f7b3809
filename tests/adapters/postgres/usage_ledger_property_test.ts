import { createCipher } from "../../../adapters/postgres/cipher.ts";
import { migrate } from "../../../adapters/postgres/migrate.ts";
import { createPostgresStore } from "../../../adapters/postgres/postgres_store.ts";
import {
  propertySeed,
  usageLedgerProperty,
} from "../../application/ports/usage_ledger_property.ts";
import { testDatabase } from "../../support/database.ts";

Deno.test("postgres store: over 500 random histories, what the SQL answers and keeps (summary fold, period inputs, current plan, closed period) is the domain's", async () => {
  const seed = propertySeed();
  const db = await testDatabase();
  try {
    await migrate(db.sql);
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    // Wired as the service wires it: reports pipelined on a connection of their own.
    const store = createPostgresStore(db.sql, {
      cipher: await createCipher(key),
      ingest: db.connect?.({ max: 1 }),
    });
    const run = await usageLedgerProperty(store, { count: 500, seed });
    console.log(
      `postgres store (${db.kind}): ${run.histories} histories, ${run.reports} reports, seed ${seed}`,
    );
  } finally {
    await db.close();
  }
});
