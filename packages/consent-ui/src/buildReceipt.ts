import type { ConsentChange } from '../../core/src/consentConfig';
import { LANG_TAG } from '../../core/src/langTag';
import type { Decision, Receipt } from '../../core/src/types';
import { vendorAllowed } from '../../core/src/vendorAllowed';

/** SHA-256 of the empty string: the text hash of a decision made without any text shown (a `consent()` call). */
export const EMPTY_TEXT_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Whether something `previous` allowed, a category or a vendor, is not allowed by `next`. */
const withdraws = (previous: Decision | undefined, next: Decision) =>
  !!previous &&
  (Object.keys(previous.c).some((k) => previous.c[k] && !next.c[k]) ||
    Object.keys({ ...previous.vd, ...next.vd }).some((v) => vendorAllowed(previous, v) && !vendorAllowed(next, v)));

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
    lang: [change.lang, o.lang].find((l) => l && LANG_TAG.test(l)) || 'und',
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
