import { agreementsContract } from "../../contract/agreements_contract.ts";
import { auditLogContract } from "../../contract/audit_log_contract.ts";
import { outboxContract } from "../../contract/outbox_contract.ts";
import type { OpenStore } from "../../contract/store_contract.ts";
import { syncLinesContract } from "../../contract/sync_lines_contract.ts";
import { syncQueueContract } from "../../contract/sync_queue_contract.ts";
import { openMemoryStore, withPostgres } from "./store_fixture.ts";

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
