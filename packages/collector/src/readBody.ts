/** The request body as text, or why it could not be read. */
export type BodyResult = { text: string } | { error: 'too_large' | 'invalid_utf8' };

/**
 * Reads a request body as UTF-8 text, at most `maxBytes`. Content-Length is
 * checked first (no read at all), and the bytes actually read are counted
 * too: a chunked body has no Content-Length, and a declared one can lie.
 *
 * @example const body = await readBody(c.req.raw, 64 * 1024)
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return { error: 'too_large' };
  if (!request.body) return { text: '' };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { error: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'invalid_utf8' };
  }
}
