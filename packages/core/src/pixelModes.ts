/**
 * Where a platform's events go (`pixels.<platform>.mode`, and per event in
 * `vendors`): the browser pixel, the server forwarder, or both (deduplicated
 * by the event id). One list for the browser, the endpoint and check-config.
 */
export const PIXEL_MODES = ['client', 'server', 'both'] as const;

export type PixelMode = (typeof PIXEL_MODES)[number];
