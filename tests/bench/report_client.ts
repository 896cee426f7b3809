// A load generator in a worker of its own: it posts usage reports to the API
// at `base`, `concurrency` at a time, so the client's own work (fetch, JSON)
// runs on its own thread, as the platform's backend does on its own machine,
// and P3 measures the service's ingestion, not the benchmark's client.

/** What the worker is asked to send. */
export interface ClientOrder {
  readonly base: string;
  readonly prefix: string;
  readonly count: number;
  readonly concurrency: number;
}

/** Sends `order.count` reports from a worker; resolves when all were answered 202. */
export function reportFromWorker(order: ClientOrder): Promise<void> {
  const worker = new Worker(new URL("./report_client_worker.ts", import.meta.url), {
    type: "module",
  });
  return new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ error?: string }>) => {
      worker.terminate();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`The report client failed: ${event.message}`));
    };
    worker.postMessage(order);
  });
}
