/** The CDN runtime chunk's hashed file name, provided by the build (rollup.config.mjs). */
declare module 'tagrelay:runtime' {
  const fileName: string;
  export default fileName;
}
