/** Variables of a `.env` text: `KEY=value` lines, `#` comments, optional quotes and `export`. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
      if (quote === '"') value = value.replaceAll("\\n", "\n");
    } else {
      value = value.replace(/\s+#.*$/, "").trim();
    }
    vars[match[1]] = value;
  }
  return vars;
}

/**
 * The environment with `.env` (when present) underneath: a variable set in
 * the process environment wins over the file.
 */
export async function loadEnv(
  options: { path?: string; env?: Record<string, string> } = {},
): Promise<Record<string, string | undefined>> {
  const env = options.env ?? Deno.env.toObject();
  let file: Record<string, string> = {};
  try {
    file = parseEnvFile(await Deno.readTextFile(options.path ?? ".env"));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return { ...file, ...env };
}
