import type { Problem, Receipt } from '../../core/src/types';
import { readPending, writePending } from './pendingReceipts';

export type ReceiptSender = {
  /** Sends one receipt that could not be kept (storage blocked); never rejects. */
  send(receipt: Receipt): Promise<void>;
  /** Sends the kept receipts (this page's and earlier pages'), removing each once delivered or refused. */
  retry(): void;
};

type Outcome = 'delivered' | 'retry' | 'refused';

/**
 * Delivers the receipts kept by keepReceipt to `POST {endpoint}/c`; a network
 * or server failure leaves them for a later page or `online`.
 *
 * @example keepReceipt(receipt); createReceiptSender({ url: '/t/c', report }).retry();
 */
export function createReceiptSender(
  o: { url: string; report(problem: Problem): void },
  fetchFn: (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status'>> = fetch,
  // A getter: merely reading `localStorage` throws where storage is blocked.
  storage: () => Storage = () => localStorage,
): ReceiptSender {
  let retrying = false;
  let again = false;

  const post = async (receipt: Receipt): Promise<Outcome> => {
    try {
      const res = await fetchFn(o.url, {
        method: 'POST',
        // A simple request: no CORS preflight, and keepalive lets it outlive the page.
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(receipt),
        keepalive: true,
        credentials: 'same-origin',
      });
      if (res.ok) return 'delivered';
      if (res.status >= 500 || res.status == 429 || res.status == 408) return 'retry';
      o.report({ code: 'receipt_refused', message: `the endpoint refused a consent receipt (HTTP ${res.status}); it is dropped`, status: res.status });
      return 'refused';
    } catch {
      return 'retry';
    }
  };

  const same = (a: Receipt, b: Receipt) => JSON.stringify(a) == JSON.stringify(b);

  const pass = async () => {
    for (const receipt of readPending(storage)) {
      // Offline or the endpoint is down: the rest would fail too.
      if ((await post(receipt)) == 'retry') return;
      writePending(readPending(storage).filter((r) => !same(r, receipt)), storage);
    }
  };

  return {
    async send(receipt) {
      await post(receipt);
    },
    retry() {
      // A receipt kept while a pass runs is sent by one more pass.
      if (retrying) return void (again = true);
      retrying = true;
      (async () => {
        do {
          again = false;
          await pass();
        } while (again);
      })().finally(() => {
        retrying = false;
      });
    },
  };
}
