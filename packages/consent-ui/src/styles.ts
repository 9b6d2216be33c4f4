/**
 * Styles of the consent UI, adopted into its shadow root. Themed by CSS custom
 * properties set on the page (e.g. on `:root`); each has a light default and a
 * dark one under `prefers-color-scheme: dark`, both AA contrast:
 *
 * - `--tr-bg`        background (#fff / #1c1d21)
 * - `--tr-fg`        text (#1a1a1a / #f2f2f2)
 * - `--tr-muted`     secondary text (#555 / #b8b8b8)
 * - `--tr-accent`    "Accept all" and "Reject all" alike, links, switches on (#1a56db / #8ab4ff)
 * - `--tr-accent-fg` text on the accent (#fff / #0b1020)
 * - `--tr-border`    borders, switches off (#767676 / #8a8a8a)
 * - `--tr-radius`    corner radius (12px)
 * - `--tr-font`      font family (system-ui, sans-serif)
 * - `--tr-z`         z-index (2147483000)
 * - `--tr-focus`     focus outline (#1a56db / #8ab4ff)
 * - `--tr-shadow`    shadow of the banner (0 -2px 24px rgba(0,0,0,.25))
 */
export const css = `
:host{all:initial!important;--b:var(--tr-bg,#fff);--f:var(--tr-fg,#1a1a1a);--m:var(--tr-muted,#555);--a:var(--tr-accent,#1a56db);--af:var(--tr-accent-fg,#fff);--br:var(--tr-border,#767676);--r:var(--tr-radius,12px);--fo:var(--tr-focus,#1a56db)}
@media (prefers-color-scheme:dark){:host{--b:var(--tr-bg,#1c1d21);--f:var(--tr-fg,#f2f2f2);--m:var(--tr-muted,#b8b8b8);--a:var(--tr-accent,#8ab4ff);--af:var(--tr-accent-fg,#0b1020);--br:var(--tr-border,#8a8a8a);--fo:var(--tr-focus,#8ab4ff)}}
*{box-sizing:border-box}
.layer{position:fixed;z-index:var(--tr-z,2147483000);left:0;right:0;bottom:0;max-height:85vh;overflow:auto;overscroll-behavior:contain;padding:1.25em;background:var(--b);color:var(--f);font:15px/1.5 var(--tr-font,system-ui,sans-serif);text-align:left;overflow-wrap:break-word;border-radius:var(--r) var(--r) 0 0;box-shadow:var(--tr-shadow,0 -2px 24px rgba(0,0,0,.25))}
.backdrop{position:fixed;inset:0;z-index:var(--tr-z,2147483000);background:rgba(0,0,0,.45)}
@media (min-width:40em){.layer{left:1em;right:auto;bottom:1em;max-width:34rem;border-radius:var(--r)}.prefs{inset:0;margin:auto;height:fit-content}}
h2{font-size:1.25em;line-height:1.3;margin:0 0 .5em}
h3{font-size:1em;margin:1em 0 .25em}
p{margin:0 0 .75em}
a{color:var(--a)}
.muted,.on{color:var(--m);font-size:.93em}
.gpc{border-left:3px solid var(--a);padding-left:.75em}
.head,.row{display:flex;justify-content:space-between;align-items:center;gap:1em}
.cat{border-top:1px solid var(--br);padding-top:.75em}
label,.label{font-weight:600}
label{cursor:pointer}
ul{list-style:none;margin:0;padding:0 0 0 1em;border-left:2px solid var(--br)}
li{margin-bottom:.75em}
button{font:inherit;font-weight:600;line-height:1.25;min-height:2.75em;margin:0;padding:.5em 1em;border:2px solid var(--a);border-radius:calc(var(--r) / 2);cursor:pointer}
.choice{background:var(--a);color:var(--af)}
.alt,.close{background:none;color:var(--f);border-color:var(--br)}
.close{border:0;min-height:0;padding:0 .35em;font-size:1.6em;line-height:1}
.buttons{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.5em;margin-top:1em}
.buttons>:last-child{grid-column:1/-1}
input{appearance:none;-webkit-appearance:none;flex:none;position:relative;width:2.75em;height:1.5em;margin:0;border-radius:1em;background:var(--br);cursor:pointer;transition:background .15s}
input::before{content:"";position:absolute;top:.1875em;left:.1875em;width:1.125em;height:1.125em;border-radius:50%;background:var(--b);transition:transform .15s}
input:checked{background:var(--a)}
input:checked::before{transform:translateX(1.25em)}
:focus-visible{outline:3px solid var(--fo);outline-offset:2px}
@media (prefers-reduced-motion:reduce){*,::before{transition:none!important}}
@media (forced-colors:active){input{border:1px solid}input::before{background:CanvasText}input:checked{background:Highlight}}
@media print{.layer,.backdrop{display:none}}
`;
