import { delivery, runtime, ui } from 'tagrelay:chunks';
import type { Config } from '../../../core/src/createTracker';
import { startConsent } from '../startConsent';

// The paste-in loader (CONTRACT.md §1): a classic script, ≤ 1 KB min+gzip.
// It keeps the snippet's command queue, reads the consent decision
// synchronously, issues the Google Consent Mode defaults before anything else
// may run (COMPLIANCE.md 8), and imports the runtime chunk relative to its own
// URL, so the bundle can be hosted under any path.
type Stub = ((...args: unknown[]) => void) & { q?: IArguments[]; v?: string; l?: 1 };
const w = window as unknown as { tagrelay?: Stub };
const script = document.currentScript as HTMLScriptElement | null;

// A second copy of the loader on the page (a template and a tag manager) must not start a
// second runtime: `l` marks the queue as taken, by this loader or by the running runtime.
if (!w.tagrelay?.l) {
  const stub: Stub =
    w.tagrelay ||
    (w.tagrelay = function () {
      // eslint-disable-next-line prefer-rest-params
      (stub.q = stub.q || []).push(arguments);
    });
  stub.l = 1;
  // The snippet calls init before this script arrives: the consent options are in the queue.
  // The first init counts, as in the runtime's queue.
  const config: Config = stub.q?.find((args) => args[0] == 'init')?.[1] || {};
  const c = config.consent || {};
  const decision = startConsent(c);
  const base = script?.src || location.href;
  // import() inherits this script's nonce, so a strict CSP (script-src 'nonce-…') admits the chunks.
  const load = (file: string) => import(new URL(file, base).href);
  load(runtime).then(
    (m: { start: (nonce?: string) => void }) => m.start(script?.nonce),
    // The browser's error names the chunk that failed (…/tagrelay/runtime-….js).
    (e) => console.warn(e),
  );
  // Fetched beside the runtime instead of after it; nothing in them runs on import and the
  // runtime reuses these modules: the outbox when the decision in force allows sending, the
  // banner only when there is no stored decision.
  const preload = (file: string) => load(file).catch(() => {});
  if (decision && (decision.c.analytics || decision.c.marketing)) preload(delivery);
  if (!decision?.id && c.ui !== false) preload(ui);
}
