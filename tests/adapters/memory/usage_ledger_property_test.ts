import { memoryStore } from "../../../adapters/memory/memory_store.ts";
import {
  propertySeed,
  usageLedgerProperty,
} from "../../application/ports/usage_ledger_property.ts";

Deno.test("memory store: over 500 random histories, what the usage ledger answers and keeps (summary fold, period inputs, current plan, closed period) is the domain's", async () => {
  const seed = propertySeed();
  const run = await usageLedgerProperty(memoryStore(), { count: 500, seed });
  console.log(`memory store: ${run.histories} histories, ${run.reports} reports, seed ${seed}`);
});
