/**
 * Adds a vendor's script once (a tag already on the page with the same src
 * counts), async, with the page's CSP nonce. Resolves true when it loaded,
 * false when it was blocked or failed (an ad blocker, a network error): never
 * rejects and never throws, so a vendor can stop neither the page, the core
 * queue nor another vendor (issue 4, failure isolation).
 *
 * @example loadScript('https://connect.facebook.net/en_US/fbevents.js', { nonce }).then((ok) => ok || report(…))
 */
export function loadScript(src: string, { nonce }: { nonce?: string | undefined } = {}, doc: Document = document): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      for (const s of Array.from(doc.scripts)) if (s.src == src) return resolve(true);
      const script = doc.createElement('script');
      script.async = true;
      script.src = src;
      if (nonce) script.nonce = nonce;
      script.onload = () => resolve(true);
      script.onerror = () => resolve(false);
      (doc.head || doc.documentElement).append(script);
    } catch {
      resolve(false);
    }
  });
}
