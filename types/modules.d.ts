/** Hashed file names of the CDN chunks the loader imports, provided by the build (rollup.config.mjs). */
declare module 'tagrelay:chunks' {
  export const runtime: string;
  export const delivery: string;
}
