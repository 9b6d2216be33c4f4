import { delivery, runtime } from 'tagrelay:chunks';
import { readDecision } from '../../../core/src/readDecision';

// The paste-in loader (CONTRACT.md §1): a classic script, ≤ 1 KB min+gzip.
// It keeps the snippet's command queue, reads the consent decision
// synchronously (before anything else may run; Consent Mode defaults will need
// it), and imports the runtime chunk relative to its own URL, so the bundle can
// be hosted under any path.
type Stub = ((...args: unknown[]) => void) & { q?: IArguments[]; v?: string; l?: 1 };
const w = window as unknown as { tagrelay?: Stub };
const script = document.currentScript as HTMLScriptElement | null;

// A second copy of the loader on the page (a template and a tag manager) must not start a
// second runtime: `l` marks the queue as being loaded, `v` as running.
if (!w.tagrelay?.v && !w.tagrelay?.l) {
  const stub: Stub =
    w.tagrelay ||
    (w.tagrelay = function () {
      // eslint-disable-next-line prefer-rest-params
      (stub.q = stub.q || []).push(arguments);
    });
  stub.l = 1;
  const decision = readDecision(document.cookie);
  const base = (script && script.src) || location.href;
  // import() inherits this script's nonce, so a strict CSP (script-src 'nonce-…') admits the chunks.
  const load = (file: string) => import(new URL(file, base).href);
  load(runtime).then(
    (m: { start: (o: { nonce?: string | undefined }) => void }) => m.start({ nonce: script?.nonce }),
    (e) => console.warn('tagrelay: could not load ' + runtime, e),
  );
  // A visitor who already allowed sending needs the outbox at once: fetch it beside the
  // runtime instead of after it. Nothing in it runs on import; the runtime reuses this module.
  if (decision && (decision.c.analytics || decision.c.marketing)) load(delivery).catch(() => {});
}
