// @ts-check

/**
 * A peer's bench page: its script, then `setup(...args)` run inline, which sets `window.bench`.
 * `setup` is a real function in the bench's source (checked and readable), sent as its text.
 *
 * @example pageWith('/segment/sdk.js', setup, 'http://127.0.0.1:40000/segment')
 * @param {string} src
 * @param {(...args: any[]) => void} setup
 * @param {...unknown} args
 */
export function pageWith(src, setup, ...args) {
  const call = `(${setup})(${args.map((a) => JSON.stringify(a)).join(', ')});`;
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>bench</title>
<script src="${src}"></script>
<script>${call}</script>
<h1>bench</h1>
</html>
`;
}
