/**
 * A receipt's `lang`: a BCP 47 style tag (`en`, `pl`, `pt-BR`). A file of its
 * own, not in limits.ts: only receipts use it, so it stays out of the runtime chunk.
 */
export const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
