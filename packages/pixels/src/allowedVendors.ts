import type { PixelConfig } from '../../core/src/consentConfig';
import { pixelAllowed } from '../../core/src/pixelAllowed';
import { PIXEL_MODES, type PixelMode } from '../../core/src/pixelModes';
import type { Decision } from '../../core/src/types';

/** A platform's mode: as configured, else both when there is an endpoint to forward from, else the pixel alone. */
export const modeOf = (pixel: PixelConfig | undefined, endpoint: string | undefined): PixelMode => {
  const mode = pixel?.mode;
  return mode && PIXEL_MODES.includes(mode) ? mode : endpoint ? 'both' : 'client';
};

/**
 * The vendors of `pixels` allowed now, split by path: `client` may load their
 * script in the browser, `server` are named on the events sent to the
 * endpoint for the server forwarders (issue 4, modes).
 *
 * @example allowedVendors({ meta: {}, tiktok: { mode: 'server' } }, '/t', decision) // { client: ['meta'], server: ['meta', 'tiktok'] }
 */
export function allowedVendors(
  pixels: { [vendor: string]: PixelConfig } | undefined,
  endpoint: string | undefined,
  decision: Decision | undefined,
): { client: string[]; server: string[] } {
  const client: string[] = [];
  const server: string[] = [];
  for (const [vendor, pixel] of Object.entries(pixels || {})) {
    if (!pixel || !pixelAllowed(decision, vendor)) continue;
    const mode = modeOf(pixel, endpoint);
    if (mode != 'server') client.push(vendor);
    if (mode != 'client' && endpoint) server.push(vendor);
  }
  return { client, server };
}
