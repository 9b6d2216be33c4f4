/** Build-time constant: true in tests and development builds, false in the production bundle. */
declare const __DEV__: boolean;
/** The package version, replaced at build time. */
declare const __VERSION__: string;
