import { describe, expect, it, vi } from 'vitest';
import type { Receipt } from '../../core/src/types';
import { createReceiptSender } from './createReceiptSender';
import { keepReceipt, readPending } from './pendingReceipts';

const receipt = (id: string) => ({ v: 1, consent_id: id, ts: 1, choices: { necessary: true, analytics: true, marketing: false }, rev: 1, lang: 'en', text_hash: 'a'.repeat(64), layer: 'banner', action: 'accept_all', gpc: false }) as Receipt;
const memoryStorage = () => {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    kept: () => JSON.parse(data.get('tagrelay:receipts') || '[]').map((r: Receipt) => r.consent_id),
  } as unknown as Storage & { kept(): string[] };
};
const answer = (status: number) => Promise.resolve({ ok: status >= 200 && status < 300, status });
const sentIds = (fetchFn: { mock: { calls: unknown[][] } }) => fetchFn.mock.calls.map((call) => JSON.parse((call[1] as RequestInit).body as string).consent_id);

describe('keepReceipt', () => {
  it('keeps receipts in order, at most 20, dropping the oldest', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 22; i++) expect(keepReceipt(receipt(`r${i}`), () => storage)).toBe(true);
    expect(storage.kept()).toEqual(Array.from({ length: 20 }, (_, i) => `r${i + 2}`));
  });

  it('says so when storage is blocked, and reads nothing from it', () => {
    const blocked = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(keepReceipt(receipt('a'), blocked)).toBe(false);
    expect(readPending(blocked)).toEqual([]);
  });
});

describe('createReceiptSender', () => {
  it('POSTs each kept receipt as text/plain JSON with keepalive, and forgets it once delivered', async () => {
    const fetchFn = vi.fn(() => answer(201));
    const storage = memoryStorage();
    keepReceipt(receipt('a1'), () => storage);
    createReceiptSender({ url: '/t/c', report: vi.fn() }, fetchFn, () => storage).retry();
    await vi.waitFor(() => expect(storage.kept()).toEqual([]));
    expect(fetchFn).toHaveBeenCalledWith('/t/c', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify(receipt('a1')),
      keepalive: true,
      credentials: 'same-origin',
    });
  });

  it.each([['network error'], [500], [503], [429], [408]])('keeps the receipt after %s', async (failure) => {
    const fetchFn = vi.fn(() => (typeof failure == 'number' ? answer(failure) : Promise.reject(new TypeError('Failed to fetch'))));
    const storage = memoryStorage();
    const report = vi.fn();
    keepReceipt(receipt('a1'), () => storage);
    createReceiptSender({ url: '/t/c', report }, fetchFn, () => storage).retry();
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalledOnce());
    await new Promise((r) => setTimeout(r, 0));
    expect(storage.kept()).toEqual(['a1']);
    expect(report).not.toHaveBeenCalled();
  });

  it.each([[400], [404], [413]])('drops and reports a receipt refused with %s', async (status) => {
    const storage = memoryStorage();
    const report = vi.fn();
    keepReceipt(receipt('a1'), () => storage);
    createReceiptSender({ url: '/t/c', report }, () => answer(status), () => storage).retry();
    await vi.waitFor(() => expect(storage.kept()).toEqual([]));
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'receipt_refused', status }));
  });

  it('retry() sends in order, forgets the delivered and refused ones, and stops at the first failure', async () => {
    const storage = memoryStorage();
    const statuses = [200, 400, 503];
    const fetchFn = vi.fn(() => answer(statuses.shift()!));
    const report = vi.fn();
    for (const id of ['a', 'b', 'c', 'd']) keepReceipt(receipt(id), () => storage);
    createReceiptSender({ url: '/t/c', report }, fetchFn, () => storage).retry();
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalledTimes(3));
    await new Promise((r) => setTimeout(r, 0));
    expect(sentIds(fetchFn)).toEqual(['a', 'b', 'c']);
    expect(storage.kept()).toEqual(['c', 'd']);
    expect(report).toHaveBeenCalledOnce();
  });

  it('a receipt kept while a pass runs is sent by one more pass, each once', async () => {
    const storage = memoryStorage();
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const fetchFn = vi.fn(async () => {
      if (fetchFn.mock.calls.length == 1) await first;
      return answer(200);
    });
    const sender = createReceiptSender({ url: '/t/c', report: vi.fn() }, fetchFn, () => storage);
    keepReceipt(receipt('a'), () => storage);
    sender.retry();
    keepReceipt(receipt('b'), () => storage);
    sender.retry();
    release();
    await vi.waitFor(() => expect(storage.kept()).toEqual([]));
    expect(sentIds(fetchFn)).toEqual(['a', 'b']);
  });

  it('send() posts a receipt that could not be kept; blocked or corrupt storage breaks nothing', async () => {
    const blocked = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const fetchFn = vi.fn(() => answer(201));
    const sender = createReceiptSender({ url: '/t/c', report: vi.fn() }, fetchFn, blocked);
    await expect(sender.send(receipt('a'))).resolves.toBeUndefined();
    expect(sentIds(fetchFn)).toEqual(['a']);
    expect(() => sender.retry()).not.toThrow();
    const storage = memoryStorage();
    storage.setItem('tagrelay:receipts', '{not json');
    const other = vi.fn(() => answer(200));
    createReceiptSender({ url: '/t/c', report: vi.fn() }, other, () => storage).retry();
    await new Promise((r) => setTimeout(r, 0));
    expect(other).not.toHaveBeenCalled();
  });
});
