/** Hashed file names of the CDN chunks the loader imports or preloads, provided by the build (rollup.config.mjs). */
declare module 'tagrelay:chunks' {
  export const runtime: string;
  /** Outbox and transport: preloaded when the decision in force allows sending. */
  export const delivery: string;
  /** Consent banner: preloaded when there is no stored decision. */
  export const ui: string;
  /** What a decision does to the page: preloaded when a decision is in force. */
  export const effects: string;
}
