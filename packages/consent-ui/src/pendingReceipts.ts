import type { Receipt } from '../../core/src/types';

/** The localStorage key of receipts not delivered yet. */
export const PENDING_RECEIPTS = 'tagrelay:receipts';
const MAX_KEPT = 20;

/** The kept receipts, oldest first; none when storage is blocked or the value is broken. */
export function readPending(storage: () => Storage = () => localStorage): Receipt[] {
  try {
    const kept = JSON.parse(storage().getItem(PENDING_RECEIPTS) || '[]');
    return Array.isArray(kept) ? kept : [];
  } catch {
    return [];
  }
}

/** Replaces the kept receipts (the newest 20); false when storage is blocked or full. */
export function writePending(kept: Receipt[], storage: () => Storage = () => localStorage): boolean {
  try {
    if (kept.length) storage().setItem(PENDING_RECEIPTS, JSON.stringify(kept.slice(-MAX_KEPT)));
    else storage().removeItem(PENDING_RECEIPTS);
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps a receipt until it is delivered, synchronously, before anything is
 * loaded or sent: a visitor who decides and leaves at once still has the
 * proof sent from the next page. Keeping it needs no consent: it is the proof
 * the site must be able to show for the visitor's own decision (GDPR art.
 * 7(1)), strictly necessary processing; delivered receipts are removed.
 */
export function keepReceipt(receipt: Receipt, storage: () => Storage = () => localStorage): boolean {
  return writePending([...readPending(storage), receipt], storage);
}
