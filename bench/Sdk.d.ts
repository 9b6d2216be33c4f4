/** One SDK under measurement: how its page is served and how its deliveries are counted. */
export type Sdk = {
  /** Row label, e.g. 'Segment'. */
  name: string;
  /** Its URL path segment on the peer server (`/segment/`) and its bundle's file name. */
  id: string;
  /** The npm package measured and its version. */
  pkg: string;
  version: string;
  /**
   * Its browser build: the package's own prebuilt file (a path inside the package), or a rollup
   * bundle of `input` whose exports become the global `global`.
   */
  browserBuild?: { file: string } | { input: string; global: string };
  /**
   * The page: loads the SDK, then sets `window.bench = { ready, track(name, i) }`, where `ready`
   * resolves once the SDK is initialised (and consent granted where it has any) and `track` makes
   * the SDK's own track call with the params `{ i }`.
   * `base` is the SDK's own prefix on the local server, e.g. `http://127.0.0.1:40000/segment`.
   */
  html(base: string): string;
  /** Stand-ins for what the SDK fetches at start (settings, source config), by path below `base`. */
  stubs?(base: string): Record<string, unknown>;
  /** Burst indices (`i`) of the `burst` events in one request to its collector (`path` is below `base`). */
  burstIds?(path: string, body: string): number[];
};

/** What a page is served from, and how many of the burst's events its collector has. */
export type Site = {
  url: string;
  /** Distinct `burst` events received so far. */
  delivered(): Promise<number>;
};
