import { createTracker, type Config, type Tracker } from './createTracker';

/** `window.tagrelay` as the snippet defines it: a function with a queue of calls. */
export type Stub = ((...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; v?: string; l?: 1 };

/**
 * Takes over `window.tagrelay` from the snippet's stub: installs the real
 * command function, then replays the queued calls in order. Commands sent
 * before `init` wait for it. A wrong command is reported, never thrown.
 */
export function startQueue(win: Window & { tagrelay?: Stub } = window, create = createTracker): Stub {
  // Started already (the loader included twice): the running one keeps the page's commands.
  if (win.tagrelay?.v) return win.tagrelay;
  const queued = Array.from(win.tagrelay?.q || []);
  const early: unknown[][] = [];
  let tracker: Tracker | undefined;

  // Named parameters, no rest or spread: this is on the path of every track() call.
  const run = (t: Tracker, command: unknown, a?: unknown, b?: unknown, c?: unknown): unknown => {
    switch (command) {
      case 'track':
        return t.track(a as never, b as never, c as never);
      case 'page':
        return t.page(a as never);
      case 'identify':
        return t.identify(a as never);
      case 'on':
        return t.on(a as never, b as never);
      case 'flush':
        return t.flush();
      case 'init':
        return t._report({ code: 'already_initialised', message: 'init called again: ignored', level: 'warn' });
      case 'consent':
        if (a == 'update') return t.consent.update(b as never, c as never);
        if (a == 'show') return t.consent.show();
        if (a == 'get') return typeof b == 'function' ? (b as (d: unknown) => void)(t.consent.get()) : t.consent.get();
        return t._report({ code: 'unknown_command', message: `consent('${String(a)}'): use 'update', 'get' or 'show'` });
    }
    return t._report({ code: 'unknown_command', message: `tagrelay('${String(command)}'): unknown command` });
  };

  const tagrelay: Stub = (command?: unknown, a?: unknown, b?: unknown, c?: unknown) => {
    try {
      if (tracker) return run(tracker, command, a, b, c);
      if (command != 'init') return void (early.length < 1000 && early.push([command, a, b, c]));
      tracker = create((a || {}) as Config);
      for (const x of early.splice(0)) run(tracker, ...(x as [unknown]));
    } catch {
      // never throw into the site's code; the tracker reports its own problems
    }
    return undefined;
  };
  tagrelay.v = __VERSION__;
  // The loader's mark: a second copy of the loader arriving now leaves this one running.
  tagrelay.l = 1;
  win.tagrelay = tagrelay;
  for (const args of queued) tagrelay(...Array.from(args));
  return tagrelay;
}
