import runtime from 'tagrelay:runtime';
import { readDecision } from '../../../core/src/readDecision';

// The paste-in loader (CONTRACT.md §1): a classic script, ≤ 1 KB min+gzip.
// It keeps the snippet's command queue, reads the consent decision
// synchronously (before anything else may run), and imports the runtime chunk
// relative to its own URL, so the bundle can be hosted under any path.
type Stub = ((...args: unknown[]) => void) & { q?: IArguments[]; v?: string };
const w = window as unknown as { tagrelay?: Stub };
const script = document.currentScript as HTMLScriptElement | null;

// A second copy of the loader on the page must not start a second runtime.
if (!w.tagrelay?.v) {
  const stub: Stub =
    w.tagrelay ||
    (w.tagrelay = function () {
      // eslint-disable-next-line prefer-rest-params
      (stub.q = stub.q || []).push(arguments);
    });
  // Read now for the consent UI and Consent Mode defaults of later issues.
  readDecision(document.cookie);
  const url = new URL(runtime, (script && script.src) || location.href).href;
  // import() inherits this script's nonce, so a strict CSP (script-src 'nonce-…') admits the chunks.
  import(url).then(
    (m: { start: (o: { nonce?: string | undefined }) => void }) => m.start({ nonce: script?.nonce }),
    (e) => console.warn('tagrelay: could not load ' + url, e),
  );
}
