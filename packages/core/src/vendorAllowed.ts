import { pixelAllowed } from './pixelAllowed';
import type { Decision } from './types';

/**
 * Whether a decision allows a marketing vendor: its pixel may run
 * (`pixelAllowed`), or that vendor was allowed on its own (an embed's
 * placeholder). One rule for script activation, vendor cookies and receipts.
 */
export const vendorAllowed = (decision: Decision | undefined, vendor: string) => decision?.vd?.[vendor] === true || pixelAllowed(decision, vendor);
