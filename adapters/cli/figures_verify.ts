// `deno task figures:verify`: every open period recomputed from the ledger against the kept
// figures; exits 1 on any difference, naming the MSP, organization and period.
import { verifyFigures } from "../../application/figures/verify_figures.ts";
import { openFigureRepositories } from "../composition_root.ts";

// Only where the database is: the service's secrets are not needed to read figures.
const { repos, close } = await openFigureRepositories({
  databaseUrl: Deno.env.get("DATABASE_URL") || null,
  dataDir: Deno.env.get("DATA_DIR") || "./data",
});
try {
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
  await close();
}
