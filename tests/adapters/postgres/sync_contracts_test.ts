import { agreementsContract } from "../../application/ports/agreements_contract.ts";
import { auditLogContract } from "../../application/ports/audit_log_contract.ts";
import { outboxContract } from "../../application/ports/outbox_contract.ts";
import type { OpenStore } from "../../application/ports/store_contract.ts";
import { syncLinesContract } from "../../application/ports/sync_lines_contract.ts";
import { syncQueueContract } from "../../application/ports/sync_queue_contract.ts";
import { openMemoryStore, withPostgres } from "../../support/store_fixture.ts";

async function syncContracts(t: Deno.TestContext, open: OpenStore) {
  await syncLinesContract(t, open);
  await syncQueueContract(t, open);
  await auditLogContract(t, open);
  await outboxContract(t, open);
  await agreementsContract(t, open);
}

Deno.test("memory store: sync and log repository contracts", (t) =>
  syncContracts(t, openMemoryStore));

Deno.test("postgres store: sync and log repository contracts", (t) =>
  withPostgres(({ open }) => syncContracts(t, open)));
