/**
 * SHA-256 of a UTF-8 string as lowercase hex, with the browser's SubtleCrypto.
 * SubtleCrypto exists only in secure contexts: without it this rejects, and the
 * caller drops the value rather than ever sending it unhashed.
 */
export async function sha256(text: string, subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle): Promise<string> {
  if (!subtle) throw new Error('SubtleCrypto is unavailable (not a secure context)');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
