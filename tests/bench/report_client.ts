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

/** A report client in a worker of its own, kept for any number of orders. */
export interface ReportClient {
  /** Sends `order.count` reports; resolves when all were answered 202. */
  send(order: ClientOrder): Promise<void>;
  close(): void;
}

/** Starts the worker once: orders sent in turn skip its start-up (a benchmark's rounds). */
export function reportClient(): ReportClient {
  const worker = new Worker(new URL("./report_client_worker.ts", import.meta.url), {
    type: "module",
  });
  let pending: { resolve: () => void; reject: (error: Error) => void } | null = null;
  const settle = (error: Error | null) => {
    const waiting = pending;
    pending = null;
    if (error) waiting?.reject(error);
    else waiting?.resolve();
  };
  worker.onmessage = (event: MessageEvent<{ error?: string }>) =>
    settle(event.data.error ? new Error(event.data.error) : null);
  worker.onerror = (event) => {
    event.preventDefault();
    settle(new Error(`The report client failed: ${event.message}`));
  };
  return {
    send(order) {
      if (pending) return Promise.reject(new Error("The report client is busy with an order"));
      return new Promise<void>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(order);
      });
    },
    close: () => worker.terminate(),
  };
}

/** Sends `order.count` reports from a worker; resolves when all were answered 202. */
export async function reportFromWorker(order: ClientOrder): Promise<void> {
  const client = reportClient();
  try {
    await client.send(order);
  } finally {
    client.close();
  }
}
