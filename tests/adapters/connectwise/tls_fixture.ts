/** A certificate for `name` (and its key), made with openssl; null when openssl is missing. */
export async function selfSignedCertificate(
  name: string,
): Promise<{ cert: string; key: string } | null> {
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_cert_" });
  try {
    const made = await new Deno.Command("openssl", {
      args: [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${name}`,
        "-addext",
        `subjectAltName=DNS:${name}`,
        "-keyout",
        `${dir}/key.pem`,
        "-out",
        `${dir}/cert.pem`,
      ],
      stdout: "null",
      stderr: "null",
    }).output();
    if (!made.success) return null;
    return {
      cert: await Deno.readTextFile(`${dir}/cert.pem`),
      key: await Deno.readTextFile(`${dir}/key.pem`),
    };
  } catch {
    return null; // no openssl here
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
