/**
 * Limits only the delivery chunk and the endpoint need: a module of their own, so the runtime
 * chunk, which carries `limits` whole, does not carry these.
 */
export const deliveryLimits = {
  /** Body size per batch sent by the browser. */
  batchMaxBytes: 60 * 1000,
  /** Chrome, Safari and Firefox share one 64 KiB budget for all in-flight keepalive bodies. */
  keepaliveBudgetBytes: 64 * 1024,
} as const;
