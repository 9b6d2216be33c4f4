const HEX = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));
const POOL = 4096;
let pool = new Uint8Array(0);
let at = POOL;

/**
 * A random UUID v4, for event ids, consent ids and visitor ids.
 * `crypto.randomUUID()` asks the system for randomness on every call, which
 * costs several µs in the benchmark (bench/) and is the largest part of a
 * track() call; one `getRandomValues` call fills 256 ids instead. Available in
 * insecure contexts too, where randomUUID is not.
 */
export function createId(c: Pick<Crypto, 'getRandomValues'> = crypto): string {
  if (at >= pool.length) {
    pool = c.getRandomValues(new Uint8Array(POOL));
    at = 0;
  }
  const b = pool;
  const o = at;
  at += 16;
  b[o + 6] = (b[o + 6]! & 15) | 64;
  b[o + 8] = (b[o + 8]! & 63) | 128;
  let id = '';
  for (let i = 0; i < 16; i++) id += (i == 4 || i == 6 || i == 8 || i == 10 ? '-' : '') + HEX[b[o + i]!];
  return id;
}
