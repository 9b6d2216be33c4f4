// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackPages, type PageTracker } from './trackPages';
import type { PageContext } from './types';

let tracker: PageTracker | undefined;
afterEach(() => tracker?.stop());

const start = () => {
  const seen: PageContext[] = [];
  history.replaceState(null, '', '/start');
  document.title = 'Start';
  tracker = trackPages((p) => seen.push(p));
  return seen;
};

describe('trackPages', () => {
  it('tracks pushState, replaceState and back/forward to new URLs, with the previous URL as referrer', async () => {
    vi.useFakeTimers();
    const seen = start();
    history.pushState(null, '', '/a');
    document.title = 'A'; // a router sets the title after it renders
    await vi.runAllTimersAsync();
    history.replaceState(null, '', '/b');
    await vi.runAllTimersAsync();
    history.pushState(null, '', '/a');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.runAllTimersAsync();
    vi.useRealTimers();
    const origin = location.origin;
    expect(seen.map((p) => [p.url.replace(origin, ''), p.referrer.replace(origin, '')])).toEqual([
      ['/a', '/start'],
      ['/b', '/a'],
      ['/a', '/b'],
    ]);
    expect(seen[0]!.title).toBe('A');
  });

  it('does not repeat a page view for the same URL or a hash change', async () => {
    vi.useFakeTimers();
    const seen = start();
    history.replaceState({ router: true }, '', '/start');
    history.pushState(null, '', '/start#section');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.runAllTimersAsync();
    vi.useRealTimers();
    expect(seen).toEqual([]);
  });

  it('wraps history once however many trackers run', () => {
    const a = trackPages(undefined);
    const wrapped = history.pushState;
    const b = trackPages(undefined);
    let announced = 0;
    const count = () => announced++;
    window.addEventListener('tagrelay:navigate', count);
    history.pushState(null, '', '/once');
    window.removeEventListener('tagrelay:navigate', count);
    expect(history.pushState).toBe(wrapped);
    expect(announced).toBe(1);
    a.stop();
    b.stop();
  });

  it('keeps the URL for events current through hash changes and route changes', () => {
    start();
    location.hash = '#reviews';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(tracker!.context().url).toBe(location.origin + '/start#reviews');
    history.pushState(null, '', '/next');
    expect(tracker!.context()).toMatchObject({ url: location.origin + '/next', referrer: location.origin + '/start#reviews' });
  });

  it('cuts a URL and a title longer than the endpoint accepts', () => {
    history.replaceState(null, '', '/long?utm=' + 'x'.repeat(3000));
    document.title = 't'.repeat(600);
    tracker = trackPages(undefined);
    const c = tracker.context();
    expect(c.url.length).toBe(2048);
    expect(c.title.length).toBe(512);
  });

  it('gives events the page context', () => {
    start();
    expect(tracker!.context()).toEqual({ url: location.origin + '/start', referrer: document.referrer, title: 'Start' });
  });
});
