import type { Problem } from '../../core/src/types';

export type ActivateOptions = {
  /** Whether the decision in force allows a category (and, when the element names one, a vendor). */
  allowed(category: string, vendor?: string): boolean;
  /** The categories the site has; an element asking for another is left alone. Default: any. */
  categories?: string[];
  /** CSP nonce given to the activated scripts. */
  nonce?: string | undefined;
  /** Shows something instead of a blocked iframe, once; may return what removes it when the iframe is activated. */
  placeholder?: (iframe: HTMLIFrameElement, category: string, vendor: string | undefined) => void | (() => void);
  report?: (problem: Problem) => void;
};

export type Activation = {
  /** Activates what the decision in force allows, and stops iframes it no longer allows; call again after every change. */
  run(): void;
  /** Stops watching for elements added later. */
  stop(): void;
};

const WAITING = 'script[type="text/plain"][data-tr-consent],iframe[data-tr-consent]';

/**
 * Runs the site's scripts and loads its iframes that wait for consent:
 * `<script type="text/plain" data-tr-consent="marketing" data-tr-vendor="meta">`,
 * `<iframe data-tr-consent="marketing" data-src="...">`. Elements added later
 * (SPA) are handled as they come.
 *
 * @example const activation = activateElements({ allowed: (c) => !!decision.c[c] }); activation.run();
 */
export function activateElements(o: ActivateOptions, doc: Document = document): Activation {
  const done = new WeakSet<Element>();
  const placeholders = new WeakMap<Element, void | (() => void)>();
  /** Iframes loaded by us: a withdrawal unloads them (COMPLIANCE.md 6), scripts cannot be. */
  const loaded = new Set<HTMLIFrameElement>();
  let observer: MutationObserver | undefined;

  /** Allowed scripts not run yet, in document order: each waits for the external ones before it. */
  const queue: HTMLScriptElement[] = [];
  let loading = false;

  /** Replaces a waiting script by a live one; an external one holds the queue until it loads or fails. */
  const activateScript = (el: HTMLScriptElement) => {
    const script = doc.createElement('script');
    for (const { name, value } of Array.from(el.attributes)) {
      // A nonce attribute reads back empty in browsers: the page's nonce is set below.
      if (name != 'type' && name != 'nonce' && !name.startsWith('data-tr-')) script.setAttribute(name, value);
    }
    const type = el.getAttribute('data-tr-type');
    if (type) script.type = type;
    const nonce = o.nonce || el.nonce;
    if (nonce) script.nonce = nonce;
    if (script.src)
      script.onload = script.onerror = () => {
        loading = false;
        runQueue();
      };
    else script.text = el.text;
    el.replaceWith(script);
    // Only a script that is in the page will ever load and let the queue go on.
    loading = !!script.src && script.isConnected;
  };

  // As the parser would: an inline script after an external one runs once that one has
  // loaded (or failed), so `fbq(...)` after the `fbevents.js` it needs finds it.
  const runQueue = () => {
    while (!loading && queue.length) {
      const el = queue.shift()!;
      // Removed meanwhile (an SPA route change): it no longer belongs to the page.
      if (!el.isConnected) continue;
      try {
        activateScript(el);
      } catch (e) {
        loading = false;
        o.report?.({ code: 'activation_failed', message: `<script data-tr-consent>: ${(e as Error)?.message}` });
      }
    }
  };

  const activateIframe = (el: HTMLIFrameElement) => {
    const src = el.getAttribute('data-src');
    if (src) el.src = src;
    el.removeAttribute('hidden');
    placeholders.get(el)?.();
    placeholders.delete(el);
    loaded.add(el);
  };

  const unload = () => {
    for (const el of loaded) {
      const allowed = o.allowed(el.getAttribute('data-tr-consent') || '', vendorOf(el));
      if (allowed && el.isConnected) continue;
      loaded.delete(el);
      if (allowed) continue;
      // Removing src would leave the vendor's document running; a navigation ends it.
      el.src = 'about:blank';
      done.delete(el);
    }
  };

  // Vendor keys are lower case (`pixels` keys, receipts): `data-tr-vendor="YouTube"` is `youtube`.
  const vendorOf = (el: Element) => el.getAttribute('data-tr-vendor')?.toLowerCase() || undefined;

  const handle = (el: Element) => {
    if (done.has(el)) return;
    const category = el.getAttribute('data-tr-consent') || '';
    const vendor = vendorOf(el);
    if (!category || (o.categories && !o.categories.includes(category))) {
      done.add(el);
      o.report?.({ code: 'unknown_consent_category', message: `data-tr-consent="${category}" is not a consent category: the element stays blocked` });
      return;
    }
    const iframe = el.tagName == 'IFRAME' ? (el as HTMLIFrameElement) : undefined;
    if (o.allowed(category, vendor)) {
      done.add(el);
      if (iframe) activateIframe(iframe);
      else queue.push(el as HTMLScriptElement);
    } else if (iframe && !placeholders.has(iframe)) {
      iframe.setAttribute('hidden', '');
      placeholders.set(iframe, o.placeholder?.(iframe, category, vendor));
    }
  };

  const scan = (elements: Iterable<Element>) => {
    for (const el of elements) {
      // One broken element (or placeholder) never keeps the others waiting.
      try {
        handle(el);
      } catch (e) {
        o.report?.({ code: 'activation_failed', message: `<${el.tagName.toLowerCase()} data-tr-consent>: ${(e as Error)?.message}` });
      }
    }
    runQueue();
  };

  const run = () => {
    unload();
    scan(Array.from(doc.querySelectorAll(WAITING)));
    const Observer = doc.defaultView?.MutationObserver;
    if (observer || !Observer) return;
    observer = new Observer((records) => {
      const added: Element[] = [];
      for (const r of records) {
        for (const node of Array.from(r.addedNodes)) {
          if (node.nodeType != 1) continue;
          if ((node as Element).matches(WAITING)) added.push(node as Element);
          added.push(...Array.from((node as Element).querySelectorAll(WAITING)));
        }
      }
      scan(added);
    });
    observer.observe(doc, { childList: true, subtree: true });
  };

  return {
    run,
    stop() {
      observer?.disconnect();
      observer = undefined;
    },
  };
}
