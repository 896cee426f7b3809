import { auditLogContract } from "../../application/ports/audit_log_contract.ts";
import { openMemoryStore } from "../../support/store_fixture.ts";

Deno.test("audit log contract on the memory store", (t) => auditLogContract(t, openMemoryStore));
