import { realpathSync } from 'node:fs';
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext, Script } from 'node:vm';
import { checkConfig, type Finding } from './checkConfig';

/** Where the command writes and how it reads a file: the process's by default, fakes in tests. */
export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  readFile: (path: string) => Promise<string>;
};

const USAGE = `Usage: tagrelay check-config <file>

Checks a tagrelay init() config against the consent rules that can be
decided from the config alone (lifetime, reject button, pre-ticked boxes,
policy links, regions granted by default...).

  <file>   .json            the config
           .js, .mjs        a module whose default export (or export \`config\`) is the config
           .html            a page: its inline <script> elements are run and
                            the config of their tagrelay('init', config) call is checked

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

/** Inline scripts may loop forever; a config snippet runs in microseconds. */
const SCRIPT_TIMEOUT_MS = 1000;

/** `type` values of scripts a browser runs as classic JavaScript; the rest (JSON, templates, modules) are not run. */
const CLASSIC_SCRIPT = /^(|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript)$/i;

const nodeIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  readFile: (path) => readFileFromDisk(path, 'utf8'),
};

/** The configs a file holds, or why it could not be read: status 2 for a bad argument, 1 for a bad file. */
type Loaded = { configs: unknown[] } | { problem: string; status: 1 | 2 };

const unusable = (problem: string, status: 1 | 2): Loaded => ({ problem, status });
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

const attribute = (attributes: string, name: string) =>
  new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);

/**
 * Runs a page's inline classic scripts in a sandbox whose `window.tagrelay`
 * records its calls, and returns the configs passed to `init`. `notes` gets
 * one line per script that could not run. node:vm is no security boundary:
 * this is for the site's own pages, in its own CI.
 */
function configsOfPage(html: string, notes: string[]): unknown[] {
  const calls: unknown[][] = [];
  const sandbox: Record<string, unknown> = {
    tagrelay: (...args: unknown[]) => void calls.push(args),
  };
  const context = createContext(sandbox);
  // The snippet says `window.tagrelay = window.tagrelay || …`: window is the global, as in a browser.
  new Script('var window = globalThis, self = globalThis;').runInContext(context);

  const scripts = html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi);
  let index = 0;
  for (const [, attributes, code] of scripts) {
    index++;
    if (attribute(attributes, 'src')) continue;
    const type = attribute(attributes, 'type');
    if (type && !CLASSIC_SCRIPT.test((type[1] ?? type[2] ?? type[3]).trim())) continue;
    try {
      new Script(code, { filename: `inline script ${index}` }).runInContext(context, { timeout: SCRIPT_TIMEOUT_MS });
    } catch (error) {
      // String(), not instanceof: errors thrown inside the sandbox come from its own realm.
      notes.push(`inline script ${index} skipped: ${String(error)}`);
    }
  }
  // A snippet that replaced the stub queued its calls in `tagrelay.q`, as the real loader expects.
  const replaced = sandbox.tagrelay as { q?: ArrayLike<unknown>[] } | undefined;
  if (replaced && Array.isArray(replaced.q)) calls.push(...replaced.q.map((args) => Array.from(args)));
  return calls.filter(([command]) => command === 'init').map(([, config]) => config);
}

async function configsOf(file: string, io: CliIo, notes: string[]): Promise<Loaded> {
  const type = extname(file).toLowerCase();
  if (type == '.js' || type == '.mjs') {
    let module: Record<string, unknown>;
    try {
      module = await import(pathToFileURL(resolve(file)).href);
    } catch (error) {
      return unusable(`cannot load ${file}: ${reason(error)}`, 1);
    }
    const config = module.default ?? module.config;
    return config === undefined ? unusable(`${file} has no default export and no export named config`, 1) : { configs: [config] };
  }
  if (type != '.json' && type != '.html' && type != '.htm') return unusable(`${file}: expected a .json, .js, .mjs or .html file`, 2);
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    return unusable(`cannot read ${file}: ${reason(error)}`, 2);
  }
  if (type == '.json') {
    try {
      return { configs: [JSON.parse(text)] };
    } catch (error) {
      return unusable(`${file} is not JSON: ${reason(error)}`, 1);
    }
  }
  const configs = configsOfPage(text, notes);
  return configs.length ? { configs } : unusable(`${file}: no tagrelay('init', config) call in its inline scripts`, 1);
}

const line = (level: 'error' | 'warning', { path, message }: Finding) => `${level}${path ? ` ${path}` : ''}: ${message}`;
const count = (n: number, word: string) => `${n} ${word}${n == 1 ? '' : 's'}`;

/**
 * The `tagrelay` command. `argv` is what follows the command name
 * (`['check-config', 'tagrelay.config.json']`); resolves to the exit status.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(argv: string[], io: CliIo = nodeIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const [command, ...rest] = argv;
  const usageError = (message: string) => {
    io.err(`tagrelay: ${message}`);
    io.err(USAGE);
    return 2;
  };
  if (command === undefined) return usageError('no command');
  if (command != 'check-config') return usageError(`unknown command ${JSON.stringify(command)}`);
  const options = rest.filter((arg) => arg.startsWith('-'));
  if (options.length) return usageError(`unknown option ${options[0]}`);
  if (rest.length != 1) return usageError(rest.length ? 'one file at a time' : 'check-config needs a file');
  const [file] = rest;

  const notes: string[] = [];
  const loaded = await configsOf(file, io, notes);
  for (const note of notes) io.out(`note: ${note}`);
  if ('problem' in loaded) {
    if (loaded.status == 2) return usageError(loaded.problem);
    io.out(`error: ${loaded.problem}`);
    io.out(`${file}: 1 error, 0 warnings`);
    return 1;
  }
  const { configs } = loaded;

  let errorCount = 0;
  let warningCount = 0;
  configs.forEach((config, i) => {
    if (configs.length > 1) io.out(`init call ${i + 1} of ${configs.length}:`);
    const { errors, warnings } = checkConfig(config);
    for (const finding of errors) io.out(line('error', finding));
    for (const finding of warnings) io.out(line('warning', finding));
    errorCount += errors.length;
    warningCount += warnings.length;
  });
  io.out(`${file}: ${count(errorCount, 'error')}, ${count(warningCount, 'warning')}`);
  return errorCount ? 1 : 0;
}

/** True when this file is the program node started (not when a test imports it); npm's bin links are resolved. */
function isMain(): boolean {
  try {
    return !!process.argv[1] && import.meta.url == pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  runCli(process.argv.slice(2)).then(
    (status) => (process.exitCode = status),
    (error) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
