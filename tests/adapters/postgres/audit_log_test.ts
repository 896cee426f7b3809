import { auditLogContract } from "../../application/ports/audit_log_contract.ts";
import { withPostgres } from "../../support/store_fixture.ts";

Deno.test("audit log contract on the Postgres store", (t) =>
  withPostgres(({ open }) => auditLogContract(t, open)));
