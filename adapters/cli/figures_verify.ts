// `deno task figures:verify`: recomputes every open period from the ledger and
// compares it with the figures kept as reports arrived; exits 1 on any
// difference, naming the MSP, organization and period.
import { verifyFigures } from "../../application/figures/verify_figures.ts";
import { openDatabase } from "../postgres/database.ts";
import { createCipher } from "../postgres/cipher.ts";
import { postgresRepositories } from "../postgres/postgres_store.ts";

// Only where the database is: the service's secrets are not needed to read figures.
const database = await openDatabase({
  databaseUrl: Deno.env.get("DATABASE_URL") || null,
  dataDir: Deno.env.get("DATA_DIR") || "./data",
});
try {
  // Only the ledger, statements, plans and organizations are read: no key is needed.
  const cipher = await createCipher(crypto.getRandomValues(new Uint8Array(32)));
  const repos = postgresRepositories(database.sql, cipher);
  const result = await verifyFigures(repos, { now: new Date() });
  for (const d of result.differences) {
    console.error(
      `difference: MSP ${d.mspId}, organization ${d.organizationId}, period ${d.period}: ` +
        `kept ${JSON.stringify(d.kept)}, ledger ${JSON.stringify(d.ledger)}`,
    );
  }
  console.log(
    `figures:verify: ${result.checked} checked, ${result.differences.length} differences`,
  );
  Deno.exitCode = result.differences.length > 0 ? 1 : 0;
} finally {
  await database.close();
}
