import { adoptStyles } from './adoptStyles';

const HOST_ID = 'tagrelay-settings';
const SVG = 'http://www.w3.org/2000/svg';

// Fixed, so it never moves the page's layout; themed by the banner's --tr-* properties, with its fallbacks (styles.ts).
// `all:initial!important` would beat the host's own declarations unless they are !important too.
const CSS = `:host{all:initial!important;position:fixed!important;left:16px!important;bottom:16px!important;z-index:var(--tr-z,2147483000)!important}
button{display:grid;place-items:center;width:44px;height:44px;padding:0;margin:0;border:1px solid var(--tr-fg,#1a1a1a);border-radius:50%;background:var(--tr-bg,#fff);color:var(--tr-accent,#1a56db);cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)}
button:focus:not(:focus-visible){outline:none}
button:focus-visible{outline:3px solid var(--tr-focus,#1a56db);outline-offset:3px}
svg{width:24px;height:24px}
@media (prefers-color-scheme:dark){button{border-color:var(--tr-fg,#f2f2f2);background:var(--tr-bg,#1c1d21);color:var(--tr-accent,#8ab4ff)}button:focus-visible{outline-color:var(--tr-focus,#8ab4ff)}}
@media print{:host{display:none!important}}`;

/** A cookie: a bitten circle with three crumbs. */
function icon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const outline = doc.createElementNS(SVG, 'path');
  outline.setAttribute('d', 'M12 3a9 9 0 1 0 9 9 3 3 0 0 1-3.5-3.5A3 3 0 0 1 12 3z');
  outline.setAttribute('fill', 'none');
  outline.setAttribute('stroke', 'currentColor');
  outline.setAttribute('stroke-width', '2');
  svg.append(outline);
  for (const [cx, cy] of [[8.5, 10], [14, 15], [9, 16]]) {
    const crumb = doc.createElementNS(SVG, 'circle');
    crumb.setAttribute('cx', String(cx));
    crumb.setAttribute('cy', String(cy));
    crumb.setAttribute('r', '1.25');
    crumb.setAttribute('fill', 'currentColor');
    svg.append(crumb);
  }
  return svg;
}

/**
 * A persistent button that reopens the consent preferences (COMPLIANCE.md 6:
 * withdrawing as easy as giving), in its own shadow root at the bottom left.
 * Mounting twice keeps the first; returns what removes it.
 *
 * @example const remove = mountFloatingButton({ label: 'Privacy settings', onClick: () => tracker.consent.show() })
 */
export function mountFloatingButton(
  o: { label: string; onClick(): void; nonce?: string | undefined },
  doc: Document = document,
): () => void {
  let host = doc.getElementById(HOST_ID);
  if (!host) {
    host = doc.createElement('div');
    host.id = HOST_ID;
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(root, CSS, o.nonce);
    const button = doc.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-label', o.label);
    button.title = o.label;
    button.append(icon(doc));
    button.addEventListener('click', () => o.onClick());
    root.append(button);
    doc.body.append(host);
  }
  const mounted = host;
  return () => mounted.remove();
}
