import { pixelAllowed } from '../../core/src/pixelAllowed';
import type { Decision, Problem } from '../../core/src/types';

type VendorWindow = { [global: string]: unknown };
type AnyFunction = (...args: unknown[]) => unknown;

const isFunction = (f: unknown): f is AnyFunction => typeof f == 'function';

/**
 * Each vendor's own consent switch, by vendor key (PLATFORMS.md). Google
 * needs none: Consent Mode covers it.
 */
const switches: { [vendor: string]: (win: VendorWindow, granted: boolean) => void } = {
  meta: ({ fbq }, granted) => {
    if (isFunction(fbq)) fbq('consent', granted ? 'grant' : 'revoke');
  },
  tiktok: ({ ttq }, granted) => {
    const call = (ttq as { [method: string]: unknown } | undefined)?.[granted ? 'grantConsent' : 'revokeConsent'];
    if (isFunction(call)) call.call(ttq);
  },
};

/**
 * Switches the vendors already on the page on or off to match a decision
 * (COMPLIANCE.md 6): a vendor is granted iff marketing is and the visitor did
 * not turn that vendor off.
 *
 * @example vendorSwitches(window, decision) // fbq('consent', 'revoke'), ttq.revokeConsent()
 */
export function vendorSwitches(win: Window, decision: Decision, report: (problem: Problem) => void = () => {}): void {
  for (const vendor of Object.keys(switches)) {
    // A broken vendor script never keeps the others running after a withdrawal.
    try {
      switches[vendor](win as unknown as VendorWindow, pixelAllowed(decision, vendor));
    } catch (e) {
      report({ code: 'vendor_switch_failed', message: `${vendor}: the consent call threw: ${(e as Error)?.message}`, vendor });
    }
  }
}
