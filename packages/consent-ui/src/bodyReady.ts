/**
 * Resolves once the document has a `<body>` to append to: at once, or at
 * DOMContentLoaded when the chunks arrived (from cache) while the parser was
 * still in `<head>`, held up by a synchronous script after the loader.
 */
export const bodyReady = (doc: Document): Promise<unknown> =>
  doc.body ? Promise.resolve() : new Promise((r) => doc.addEventListener('DOMContentLoaded', r, { once: true }));
