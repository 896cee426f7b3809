// The worker of `reportFromWorker` (report_client.ts): one order, one answer.
import { inParallel } from "./in_parallel.ts";
import { postReport } from "./ingestion_world.ts";
import type { ClientOrder } from "./report_client.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ClientOrder>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = async (event) => {
  const { base, prefix, count, concurrency } = event.data;
  try {
    await inParallel(count, concurrency, (i) => postReport(base, `${prefix}-${i}`, i));
    scope.postMessage({});
  } catch (error) {
    scope.postMessage({ error: String(error) });
  }
};
