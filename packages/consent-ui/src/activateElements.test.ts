// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateElements, type ActivateOptions } from './activateElements';

const granted = (categories: string[], offVendors: string[] = []) => (category: string, vendor?: string) =>
  categories.includes(category) && !(vendor && offVendors.includes(vendor));
const scripts = () => Array.from(document.querySelectorAll('script'));
const nextMutations = () => new Promise((r) => setTimeout(r, 0));

let activation: ReturnType<typeof activateElements> | undefined;
const start = (o: ActivateOptions) => (activation = activateElements(o, document));

afterEach(() => {
  activation?.stop();
  document.body.innerHTML = '';
});

describe('activateElements: scripts', () => {
  it('replaces allowed scripts in document order, copying attributes, text, nonce and type', () => {
    document.body.innerHTML = `
      <script type="text/plain" data-tr-consent="analytics" id="a" class="k" data-site="1">window.a = 1</script>
      <script type="text/plain" data-tr-consent="marketing" data-tr-vendor="meta" src="https://cdn.example/m.js" crossorigin="anonymous"></script>
      <script type="text/plain" data-tr-consent="marketing" data-tr-type="module" data-tr-vendor="tiktok">import './t.js'</script>`;
    start({ allowed: granted(['analytics', 'marketing']), nonce: 'n0nce' }).run();
    const [a, m, t] = scripts();
    expect(a.id).toBe('a');
    expect(a.className).toBe('k');
    expect(a.getAttribute('data-site')).toBe('1');
    expect(a.text).toBe('window.a = 1');
    expect(a.hasAttribute('type')).toBe(false);
    expect(a.hasAttribute('data-tr-consent')).toBe(false);
    expect(a.nonce).toBe('n0nce');
    expect(m.getAttribute('src')).toBe('https://cdn.example/m.js');
    expect(m.getAttribute('crossorigin')).toBe('anonymous');
    expect(m.nonce).toBe('n0nce');
    expect(m.hasAttribute('data-tr-vendor')).toBe(false);
    expect(t.type).toBe('module');
    expect(t.text).toBe("import './t.js'");
    expect(scripts().filter((s) => s.type == 'text/plain')).toEqual([]);
  });

  it('leaves blocked scripts untouched and activates them once they are allowed', () => {
    document.body.innerHTML = `
      <script type="text/plain" data-tr-consent="marketing" id="m">1</script>
      <script type="text/plain" data-tr-consent="marketing" data-tr-vendor="meta" id="meta">2</script>
      <script type="text/plain" data-tr-consent="analytics" id="a">3</script>`;
    const allowed = vi.fn(granted(['analytics'], ['meta']));
    const act = start({ allowed });
    act.run();
    expect(allowed).toHaveBeenCalledWith('marketing', 'meta');
    expect(scripts().map((s) => [s.id, s.type])).toEqual([['m', 'text/plain'], ['meta', 'text/plain'], ['a', '']]);
    allowed.mockImplementation(granted(['analytics', 'marketing'], ['meta']));
    act.run();
    expect(scripts().map((s) => [s.id, s.type])).toEqual([['m', ''], ['meta', 'text/plain'], ['a', '']]);
  });

  it('activates each element once, however often run() is called', () => {
    document.body.innerHTML = `<script type="text/plain" data-tr-consent="analytics">x</script>`;
    const act = start({ allowed: granted(['analytics']) });
    act.run();
    const first = scripts()[0];
    act.run();
    act.run();
    expect(scripts()).toEqual([first]);
  });

  it('keeps the nonce of the waiting script when no page nonce is given', () => {
    const waiting = document.createElement('script');
    waiting.type = 'text/plain';
    waiting.setAttribute('data-tr-consent', 'analytics');
    waiting.nonce = 'own';
    document.body.append(waiting);
    start({ allowed: granted(['analytics']) }).run();
    expect(scripts()[0].nonce).toBe('own');
  });

  it('ignores unknown categories (reported) and keeps going after a failing element', () => {
    document.body.innerHTML = `
      <script type="text/plain" data-tr-consent="marketting" id="typo">1</script>
      <script type="text/plain" data-tr-consent="" id="empty">2</script>
      <script type="text/plain" data-tr-consent="analytics" id="a">3</script>
      <script type="text/plain" data-tr-consent="marketing" id="m">4</script>`;
    const report = vi.fn();
    const allowed = vi.fn((category: string) => {
      if (category == 'analytics') throw new Error('boom');
      return true;
    });
    start({ allowed, categories: ['necessary', 'analytics', 'marketing'], report }).run();
    expect(allowed).not.toHaveBeenCalledWith('marketting', undefined);
    expect(scripts().map((s) => [s.id, s.type])).toEqual([['typo', 'text/plain'], ['empty', 'text/plain'], ['a', 'text/plain'], ['m', '']]);
    expect(report.mock.calls.map(([p]) => p.code)).toEqual(['unknown_consent_category', 'unknown_consent_category', 'activation_failed']);
  });

  it('handles scripts added later (SPA), until stopped', async () => {
    const act = start({ allowed: granted(['analytics']) });
    act.run();
    const section = document.createElement('section');
    section.innerHTML = `<script type="text/plain" data-tr-consent="analytics" id="later">x</script>
      <script type="text/plain" data-tr-consent="marketing" id="blocked">y</script>`;
    document.body.append(section);
    await nextMutations();
    expect(scripts().map((s) => [s.id, s.type])).toEqual([['later', ''], ['blocked', 'text/plain']]);
    act.stop();
    document.body.insertAdjacentHTML('beforeend', `<script type="text/plain" data-tr-consent="analytics" id="after-stop">z</script>`);
    await nextMutations();
    expect(document.getElementById('after-stop')!.getAttribute('type')).toBe('text/plain');
  });
});

describe('activateElements: iframes', () => {
  it('loads allowed iframes from data-src and unhides them', () => {
    document.body.innerHTML = `<iframe data-tr-consent="marketing" data-tr-vendor="youtube" data-src="https://video.example/embed/1" hidden></iframe>`;
    start({ allowed: granted(['marketing']) }).run();
    const iframe = document.querySelector('iframe')!;
    expect(iframe.getAttribute('src')).toBe('https://video.example/embed/1');
    expect(iframe.hasAttribute('hidden')).toBe(false);
  });

  it('hides blocked iframes with one placeholder, removed when they are allowed', () => {
    document.body.innerHTML = `<iframe data-tr-consent="marketing" data-tr-vendor="youtube" data-src="https://video.example/embed/1"></iframe>`;
    const remove = vi.fn();
    const placeholder = vi.fn((): (() => void) => remove);
    const allowed = vi.fn(granted([]));
    const act = start({ allowed, placeholder });
    act.run();
    act.run();
    const iframe = document.querySelector('iframe')!;
    expect(iframe.hasAttribute('src')).toBe(false);
    expect(iframe.hasAttribute('hidden')).toBe(true);
    expect(placeholder).toHaveBeenCalledOnce();
    expect(placeholder).toHaveBeenCalledWith(iframe, 'marketing', 'youtube');
    expect(remove).not.toHaveBeenCalled();
    allowed.mockImplementation(granted(['marketing']));
    act.run();
    expect(iframe.getAttribute('src')).toBe('https://video.example/embed/1');
    expect(iframe.hasAttribute('hidden')).toBe(false);
    expect(remove).toHaveBeenCalledOnce();
  });

  it('handles iframes added later', async () => {
    const placeholder = vi.fn();
    start({ allowed: granted(['analytics']), placeholder }).run();
    document.body.insertAdjacentHTML(
      'beforeend',
      `<iframe data-tr-consent="analytics" data-src="https://maps.example/a" id="ok"></iframe><iframe data-tr-consent="marketing" data-src="https://video.example/b" id="no"></iframe>`,
    );
    await nextMutations();
    expect(document.getElementById('ok')!.getAttribute('src')).toBe('https://maps.example/a');
    expect(document.getElementById('no')!.hasAttribute('hidden')).toBe(true);
    expect(placeholder).toHaveBeenCalledOnce();
  });
});

describe('activateElements: changes after activation', () => {
  it('a withdrawal unloads an activated iframe and shows its placeholder again', () => {
    document.body.innerHTML = `<iframe data-tr-consent="marketing" data-tr-vendor="YouTube" data-src="https://video.example/1"></iframe>`;
    let ok = true;
    const placeholder = vi.fn();
    const act = start({ allowed: (c, v) => ok && c == 'marketing' && v == 'youtube', placeholder });
    act.run();
    const iframe = document.querySelector('iframe')!;
    expect(iframe.getAttribute('src')).toBe('https://video.example/1');
    ok = false;
    act.run();
    expect(iframe.getAttribute('src')).toBe('about:blank');
    expect(iframe.hasAttribute('hidden')).toBe(true);
    expect(placeholder).toHaveBeenCalledOnce();
    ok = true;
    act.run();
    expect(iframe.getAttribute('src')).toBe('https://video.example/1');
  });

});
