import { createTracker, type Config, type Tracker } from './createTracker';

/** `window.tagrelay` as the snippet defines it: a function with a queue of calls. */
export type Stub = ((...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; v?: string };

/**
 * Takes over `window.tagrelay` from the snippet's stub: installs the real
 * command function, then replays the queued calls in order. Commands sent
 * before `init` wait for it. A wrong command is reported, never thrown.
 */
export function startQueue(win: Window & { tagrelay?: Stub } = window, create = createTracker): Stub {
  const queued = Array.from(win.tagrelay?.q || []);
  const early: unknown[][] = [];
  let tracker: Tracker | undefined;

  const run = (t: Tracker, [command, ...args]: unknown[]): unknown => {
    const [a, b, c] = args as [never, never, never];
    switch (command) {
      case 'track':
        return t.track(a, b, c);
      case 'page':
        return t.page(a);
      case 'identify':
        return t.identify(a);
      case 'on':
        return t.on(a, b);
      case 'flush':
        return t.flush();
      case 'init':
        return t._report({ code: 'already_initialised', message: 'init was called more than once: later calls are ignored', level: 'warn' });
      case 'consent':
        if (a == 'update') return t.consent.update(b);
        if (a == 'show') return t.consent.show();
        if (a == 'get') return typeof b == 'function' ? (b as (d: unknown) => void)(t.consent.get()) : t.consent.get();
        return t._report({ code: 'unknown_command', message: `consent('${String(a)}'): use 'update', 'get' or 'show'` });
    }
    return t._report({ code: 'unknown_command', message: `tagrelay('${String(command)}'): unknown command` });
  };

  const tagrelay: Stub = (...args) => {
    try {
      if (tracker) return run(tracker, args);
      if (args[0] != 'init') return void (early.length < 1000 && early.push(args));
      tracker = create((args[1] || {}) as Config);
      for (const x of early.splice(0)) run(tracker, x);
    } catch {
      // never throw into the site's code; the tracker reports its own problems
    }
    return undefined;
  };
  tagrelay.v = __VERSION__;
  win.tagrelay = tagrelay;
  for (const args of queued) tagrelay(...Array.from(args));
  return tagrelay;
}
