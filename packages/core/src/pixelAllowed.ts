import type { Decision } from './types';

/**
 * Whether a decision lets a vendor's marketing pixel run (and its consent
 * switch say granted): marketing itself granted and that vendor not switched
 * off. Unlike `vendorAllowed`, an embed's grant of that vendor alone is not
 * enough: the visitor allowed its content, not its advertising.
 */
export const pixelAllowed = (decision: Decision | undefined, vendor: string) => !!decision?.c.marketing && decision.vd?.[vendor] !== false;
