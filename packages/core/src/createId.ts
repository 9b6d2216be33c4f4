/**
 * A random UUID v4 for event ids, consent ids and visitor ids.
 * `crypto.randomUUID` exists only in secure contexts (https, localhost); elsewhere
 * the same format is built from `crypto.getRandomValues`, which works everywhere.
 */
export function createId(c: Crypto = crypto): string {
  if (c.randomUUID) return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
