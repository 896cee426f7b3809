// A lean HTTP/1.1 client for load generation: one keep-alive connection that
// sends a request and reads its answer (status line, headers, a
// Content-Length body or a chunked one). `fetch` spends more of the
// machine per request than the service does to answer it, so a benchmark
// driven by it measures its client; this one does not.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An answer: its status and body text. */
export interface Http1Answer {
  readonly status: number;
  readonly body: string;
}

/** One keep-alive connection to `base` (http only). */
export class Http1Connection {
  #conn: Deno.TcpConn | null = null;
  #buffer = new Uint8Array(0);
  readonly #host: string;
  readonly #port: number;

  constructor(base: string) {
    const url = new URL(base);
    if (url.protocol !== "http:") throw new Error(`Http1Connection: ${base} is not http`);
    this.#host = url.hostname;
    this.#port = Number(url.port || 80);
  }

  /** Sends one request and reads its whole answer. */
  async request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Http1Answer> {
    this.#conn ??= await Deno.connect({ hostname: this.#host, port: this.#port });
    const payload = encoder.encode(body);
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${this.#host}:${this.#port}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    lines.push(`content-length: ${payload.length}`, "", "");
    const head = encoder.encode(lines.join("\r\n"));
    const message = new Uint8Array(head.length + payload.length);
    message.set(head);
    message.set(payload, head.length);
    for (let sent = 0; sent < message.length;) {
      sent += await this.#conn.write(message.subarray(sent));
    }
    return await this.#answer();
  }

  close(): void {
    this.#conn?.close();
    this.#conn = null;
  }

  async #answer(): Promise<Http1Answer> {
    let end = -1;
    while ((end = indexOfHeadEnd(this.#buffer)) < 0) await this.#fill();
    const head = decoder.decode(this.#buffer.subarray(0, end));
    this.#buffer = this.#buffer.subarray(end + 4);
    const [statusLine, ...fields] = head.split("\r\n");
    const status = Number(statusLine.split(" ")[1]);
    const header = (name: string) =>
      fields.find((f) => f.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
    const length = header("content-length");
    if (length !== undefined) {
      return { status, body: decoder.decode(await this.#take(Number(length))) };
    }
    if (header("transfer-encoding")?.toLowerCase() !== "chunked") {
      throw new Error(`Http1Connection: an answer with neither length nor chunks (${statusLine})`);
    }
    let body = "";
    for (;;) {
      let lineEnd = -1;
      while ((lineEnd = indexOfCrlf(this.#buffer)) < 0) await this.#fill();
      const size = parseInt(decoder.decode(this.#buffer.subarray(0, lineEnd)), 16);
      this.#buffer = this.#buffer.subarray(lineEnd + 2);
      const chunk = await this.#take(size + 2); // the chunk and its CRLF
      if (size === 0) return { status, body };
      body += decoder.decode(chunk.subarray(0, size));
    }
  }

  async #take(n: number): Promise<Uint8Array> {
    while (this.#buffer.length < n) await this.#fill();
    const taken = this.#buffer.slice(0, n);
    this.#buffer = this.#buffer.subarray(n);
    return taken;
  }

  async #fill(): Promise<void> {
    const chunk = new Uint8Array(16 * 1024);
    const n = await this.#conn!.read(chunk);
    if (n === null) throw new Error("Http1Connection: the server closed the connection");
    const joined = new Uint8Array(this.#buffer.length + n);
    joined.set(this.#buffer);
    joined.set(chunk.subarray(0, n), this.#buffer.length);
    this.#buffer = joined;
  }
}

function indexOfHeadEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) {
      return i;
    }
  }
  return -1;
}

function indexOfCrlf(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 13 && bytes[i + 1] === 10) return i;
  return -1;
}
