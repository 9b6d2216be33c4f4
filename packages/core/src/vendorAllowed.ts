import type { Decision } from './types';

/**
 * Whether a decision allows a marketing vendor: marketing granted and that
 * vendor not switched off, or that vendor allowed on its own (an embed's
 * placeholder). One rule for script activation, pixels and the server path.
 */
export const vendorAllowed = (decision: Decision | undefined, vendor: string) => {
  const v = decision?.vd?.[vendor];
  return v === true || (!!decision?.c.marketing && v !== false);
};
