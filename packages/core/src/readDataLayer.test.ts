import { describe, expect, it, vi } from 'vitest';
import { readDataLayer } from './readDataLayer';

const purchase = { transaction_id: 'T-1', value: 99.5, currency: 'PLN', items: [{ item_id: 'sku-1', quantity: 1 }] };

describe('readDataLayer', () => {
  it('takes the pushes made before it, in order, then the later ones, each once', () => {
    const win = { dataLayer: [{ event: 'gtm.js' }, { event: 'view_item', ecommerce: { items: [{ item_id: 'sku-1' }] } }, { ecommerce: null }] } as unknown as Window & { dataLayer: unknown[] };
    const track = vi.fn();
    readDataLayer(win, 'dataLayer', track);
    win.dataLayer.push({ event: 'purchase', ecommerce: purchase });
    expect(track.mock.calls).toEqual([
      ['view_item', { items: [{ item_id: 'sku-1' }] }],
      ['purchase', purchase],
    ]);
    expect(win.dataLayer).toHaveLength(4);
  });

  it('ignores gtag Arguments (Consent Mode, Google events), arrays and events without ecommerce', () => {
    const win = { dataLayer: [] as unknown[] } as unknown as Window & { dataLayer: unknown[] };
    const track = vi.fn();
    readDataLayer(win, 'dataLayer', track);
    (function (..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      win.dataLayer.push(arguments);
    })('event', 'purchase', purchase);
    win.dataLayer.push(['event', 'purchase', purchase], { event: 'sign_up' }, { event: 'purchase', ecommerce: [1] }, null);
    expect(track).not.toHaveBeenCalled();
  });

  it('keeps the push GTM installed, creates a missing layer, and reads once when started twice', () => {
    const seen: unknown[] = [];
    const layer: unknown[] = [];
    layer.push = function (...items: unknown[]) {
      seen.push(...items);
      return Array.prototype.push.apply(this, items);
    };
    const win = { dl: layer } as unknown as Window & { dl: unknown[] };
    const track = vi.fn();
    readDataLayer(win, 'dl', track);
    readDataLayer(win, 'dl', track);
    win.dl.push({ event: 'add_to_cart', ecommerce: { value: 1 } });
    expect(seen).toHaveLength(1);
    expect(track).toHaveBeenCalledOnce();
    const empty = {} as Window & { other?: unknown[] };
    readDataLayer(empty, 'other', track);
    expect(Array.isArray(empty.other) && empty.other.length).toBe(0);
  });

  it('stops when told to', () => {
    const win = { dataLayer: [] as unknown[] } as unknown as Window & { dataLayer: unknown[] };
    const track = vi.fn();
    const stop = readDataLayer(win, 'dataLayer', track);
    stop();
    win.dataLayer.push({ event: 'purchase', ecommerce: purchase });
    expect(track).not.toHaveBeenCalled();
  });
});
