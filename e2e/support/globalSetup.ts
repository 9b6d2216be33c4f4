import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Fails the run at once, with the fix, instead of every test timing out on a missing loader. */
export default function globalSetup(): void {
  const loader = fileURLToPath(new URL('../../packages/tagrelay/dist/cdn/loader.js', import.meta.url));
  if (!existsSync(loader)) throw new Error(`${loader} is missing: run \`pnpm build\` first`);
}
