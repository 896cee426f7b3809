import { memorySetupAccess } from "../../../adapters/memory/setup_access.ts";
import { setupAccessContract } from "../../application/ports/setup_access_contract.ts";

Deno.test("setup access contract on the memory adapter", (t) =>
  setupAccessContract(t, () => Promise.resolve(memorySetupAccess())));
