// The worker of `reportFromWorker` (report_client.ts): one order, one answer.
// Each of its `concurrency` lanes posts over a keep-alive connection of its own.
import { Http1Connection } from "./http1_client.ts";
import { REPORT_HEADERS, reportRequest } from "./ingestion_world.ts";
import type { ClientOrder } from "./report_client.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ClientOrder>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = async (event) => {
  const { base, prefix, count, concurrency } = event.data;
  const connections = Array.from({ length: concurrency }, () => new Http1Connection(base));
  let next = 0;
  const lane = async (connection: Http1Connection) => {
    while (next < count) {
      const i = next++;
      const { path, body } = reportRequest(`${prefix}-${i}`, i);
      const answer = await connection.request("POST", path, REPORT_HEADERS, body);
      if (answer.status !== 202) {
        next = count;
        throw new Error(`Report ${prefix}-${i}: ${answer.status} ${answer.body}`);
      }
    }
  };
  try {
    await Promise.all(connections.map(lane));
    scope.postMessage({});
  } catch (error) {
    scope.postMessage({ error: String(error) });
  } finally {
    for (const connection of connections) connection.close();
  }
};
