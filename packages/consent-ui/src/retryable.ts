/**
 * `p`, with `reset` called when it rejects: a chunk kept in a variable once asked
 * for is asked for again after a failed load (a network blip), not failed for good.
 *
 * @example ui ||= retryable(import('./mountConsent'), () => (ui = undefined))
 */
export const retryable = <T>(p: Promise<T>, reset: () => void): Promise<T> => p.catch((e) => (reset(), Promise.reject(e)));
