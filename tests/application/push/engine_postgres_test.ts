import { withPostgres } from "../../support/store_fixture.ts";
import { additionGoneCases } from "./addition_gone_cases.ts";
import { callCountCases } from "./call_count_cases.ts";
import { engineSuite } from "./engine_cases.ts";
import { invoiceCases } from "./invoice_cases.ts";
import { writeCheckCases } from "./write_check_cases.ts";
import { siteUpgradeCases } from "./site_upgrade_cases.ts";
import { unknownPlanCases } from "./unknown_plan_cases.ts";

Deno.test("engine on the Postgres store, against the ConnectWise simulator", (t) =>
  withPostgres(async ({ open }) => {
    await engineSuite(t, open);
    await engineSuite(t, open, additionGoneCases);
    await engineSuite(t, open, callCountCases);
    await engineSuite(t, open, invoiceCases);
    await engineSuite(t, open, writeCheckCases);
    await engineSuite(t, open, siteUpgradeCases);
    await engineSuite(t, open, unknownPlanCases);
  }));
