/** A body read whole, or the news that it was longer than allowed (the read was cancelled). */
export type CappedBody = { readonly text: string } | { readonly tooLarge: true };

/** Cancelled past `maxBytes` (at once for a longer `Content-Length`), whatever the site sends. */
export async function readCapped(response: Response, maxBytes: number): Promise<CappedBody> {
  const body = response.body;
  if (body === null) return { text: "" };
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    return { tooLarge: true };
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      if (read > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { tooLarge: true };
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
  parts.push(decoder.decode());
  return { text: parts.join("") };
}

/** `10 MiB`, `512 KiB` or `900 bytes`: a cap as a person reads it. */
export function byteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
