import type { ConsentChange } from '../../core/src/consentConfig';
import type { Decision, Problem, Receipt } from '../../core/src/types';
import { PENDING_RECEIPTS } from './pendingReceipts';

/** SHA-256 of the empty string: the text hash of a decision made without any text shown (a `consent()` call). */
export const EMPTY_TEXT_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What the endpoint accepts as `lang` (packages/collector/src/validateReceipt.ts). */
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const grants = (d: Decision, vendor: string) => d.c.marketing && d.vd?.[vendor] !== false;

/** Whether something `previous` allowed, a category or a vendor, is not allowed by `next`. */
const withdraws = (previous: Decision | undefined, next: Decision) =>
  !!previous &&
  (Object.keys(previous.c).some((k) => previous.c[k] && !next.c[k]) ||
    Object.keys({ ...previous.vd, ...next.vd }).some((v) => grants(previous, v) && !grants(next, v)));

/**
 * The proof of a decision (COMPLIANCE.md 5): what was chosen, under which
 * texts and where, and nothing identifying beyond the consent id.
 *
 * @example buildReceipt(change, { gpc: false, page: location.href, lang: document.documentElement.lang })
 */
export function buildReceipt(change: ConsentChange, o: { gpc: boolean; page: string; lang?: string }): Receipt {
  const { decision, layer } = change;
  const action = (change.action == 'save' || change.action == 'update') && withdraws(change.previous, decision) ? 'withdraw' : change.action;
  const receipt: Receipt = {
    v: 1,
    consent_id: decision.id,
    ts: decision.ts,
    choices: decision.c,
    ...(decision.vd && { vendors: decision.vd }),
    rev: decision.rev,
    lang: [change.lang, o.lang].find((l) => l && LANG.test(l)) || 'und',
    // Without texts (a consent() call) nothing was shown: the hash of nothing.
    text_hash: change.text_hash || EMPTY_TEXT_HASH,
    layer,
    action,
    gpc: o.gpc,
  };
  try {
    // Origin and path only: the query and hash can carry emails or tokens.
    const url = new URL(o.page);
    if (url.protocol == 'https:' || url.protocol == 'http:') receipt.page = url.origin + url.pathname;
  } catch {
    // No page then: it is optional.
  }
  return receipt;
}

export type ReceiptSender = {
  /** Sends a receipt; one that could not be delivered is kept for retry(). Never rejects. */
  send(receipt: Receipt): Promise<void>;
  /** Sends the receipts kept by earlier pages (call at start and on `online`). */
  retry(): void;
};

type Outcome = 'delivered' | 'retry' | 'refused';

const KEY = PENDING_RECEIPTS;
const MAX_KEPT = 20;

/**
 * Delivers receipts to `POST {endpoint}/c`, keeping the ones a network or
 * server failure stopped in localStorage until a later page or `online`.
 *
 * @example const sender = createReceiptSender({ url: '/t/c', report }); sender.retry(); sender.send(receipt);
 */
export function createReceiptSender(
  o: { url: string; report(problem: Problem): void },
  fetchFn: (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status'>> = fetch,
  // A getter: merely reading `localStorage` throws where storage is blocked.
  storage: () => Storage = () => localStorage,
): ReceiptSender {
  let retrying = false;

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

  const read = (): Receipt[] => {
    try {
      const kept = JSON.parse(storage().getItem(KEY) || '[]');
      return Array.isArray(kept) ? kept : [];
    } catch {
      return [];
    }
  };
  const write = (kept: Receipt[]) => {
    try {
      if (kept.length) storage().setItem(KEY, JSON.stringify(kept.slice(-MAX_KEPT)));
      else storage().removeItem(KEY);
    } catch {
      // Storage full or blocked: this receipt is lost, the decision itself still holds.
    }
  };
  const same = (a: Receipt, b: Receipt) => JSON.stringify(a) == JSON.stringify(b);

  return {
    async send(receipt) {
      // Keeping an undelivered receipt needs no consent: it is the proof the
      // site must be able to show for the visitor's own decision (GDPR art. 7(1)),
      // strictly necessary processing. Nothing is stored when delivery works.
      if ((await post(receipt)) == 'retry') write([...read(), receipt]);
    },
    retry() {
      if (retrying) return;
      const kept = read();
      if (!kept.length) return;
      retrying = true;
      (async () => {
        for (const receipt of kept) {
          // Offline or the endpoint is down: the rest would fail too.
          if ((await post(receipt)) == 'retry') break;
          write(read().filter((r) => !same(r, receipt)));
        }
      })().finally(() => {
        retrying = false;
      });
    },
  };
}
