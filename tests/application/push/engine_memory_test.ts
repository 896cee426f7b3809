import { openMemoryStore } from "../../support/store_fixture.ts";
import { additionGoneCases } from "./addition_gone_cases.ts";
import { callCountCases } from "./call_count_cases.ts";
import { engineSuite } from "./engine_cases.ts";
import { invoiceCases } from "./invoice_cases.ts";
import { writeCheckCases } from "./write_check_cases.ts";
import { siteUpgradeCases } from "./site_upgrade_cases.ts";
import { unknownPlanCases } from "./unknown_plan_cases.ts";

Deno.test("engine on the memory store, against the ConnectWise simulator", async (t) => {
  await engineSuite(t, openMemoryStore);
  await engineSuite(t, openMemoryStore, additionGoneCases);
  await engineSuite(t, openMemoryStore, callCountCases);
  await engineSuite(t, openMemoryStore, invoiceCases);
  await engineSuite(t, openMemoryStore, writeCheckCases);
  await engineSuite(t, openMemoryStore, siteUpgradeCases);
  await engineSuite(t, openMemoryStore, unknownPlanCases);
});
