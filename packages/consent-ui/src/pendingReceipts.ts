/**
 * The localStorage key of receipts a failed send left to deliver later. Its own
 * module: the consent effects check it on every page without loading the sender.
 */
export const PENDING_RECEIPTS = 'tagrelay:receipts';
