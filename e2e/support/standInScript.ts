/** URL globs of the vendors' script hosts, for `page.route`: everything each host serves gets the vendor's stand-in. */
export const VENDOR_SCRIPTS: { [vendor: string]: string } = {
  meta: 'https://connect.facebook.net/**',
  tiktok: 'https://analytics.tiktok.com/**',
  linkedin: 'https://snap.licdn.com/**',
  google: 'https://www.googletagmanager.com/**',
  pinterest: 'https://s.pinimg.com/**',
  snap: 'https://sc-static.net/**',
  x: 'https://static.ads-twitter.com/**',
  reddit: 'https://www.redditstatic.com/**',
};

/** One call a stand-in saw: the arguments JSON-cloned (Dates as ISO strings); `instance` is the TikTok pixel of a `ttq.instance(id)` call. */
export type RecordedCall = { vendor: string; args: unknown[]; instance?: string };

// Plain ES5 text, not a serialised TypeScript function: Vitest and Playwright transpile
// (and may instrument) functions, and the page must run exactly this. Each vendor takes over
// its global the way its library does (PLATFORMS.md §1-5): drain the stub's queue in order,
// then take every later call. A global marked `__standIn` was taken over by an earlier load.
const BODY = `
  var slice = Array.prototype.slice;
  (w.__vendorLoaded = w.__vendorLoaded || []).push(vendor);

  function record(args, instance) {
    var list = slice.call(args);
    try {
      list = JSON.parse(JSON.stringify(list));
    } catch (e) {
      // A value JSON cannot hold (a cycle): keep the call, as text, rather than lose it.
      list = list.map(String);
    }
    var call = { vendor: vendor, args: list };
    if (instance !== undefined) call.instance = instance;
    // Looked up on every call, so a test may reset the list by assigning [].
    (w.__vendorCalls = w.__vendorCalls || []).push(call);
    // Kept by the test across page loads (recordVendorCalls).
    if (typeof w.__vendorSink == 'function') w.__vendorSink(call);
  }

  function recorder(prefix, instance) {
    return function () {
      record(prefix.concat(slice.call(arguments)), instance);
    };
  }

  // fbq, snaptr, twq, rdt: the stub forwards to a hook once the library has set it.
  function hook(name, hookName, queueName) {
    var f = w[name];
    if (typeof f != 'function' || f.__standIn) return;
    f.__standIn = 1;
    f[hookName] = recorder([]);
    var queue = f[queueName] || [];
    while (queue.length) f[hookName].apply(f, queue.shift());
  }

  // lintrk, pintrk: the library replaces the global after replaying the stub's queue.
  function replace(name, queueName, next) {
    var old = w[name];
    if (typeof old != 'function' || old.__standIn) return;
    var queue = old[queueName] || [];
    while (queue.length) record(queue.shift());
    next.__standIn = 1;
    w[name] = next;
  }

  var takeOver = {
    meta: function () {
      hook('fbq', 'callMethod', 'queue');
    },
    snap: function () {
      hook('snaptr', 'handleRequest', 'queue');
    },
    x: function () {
      hook('twq', 'exe', 'queue');
    },
    reddit: function () {
      hook('rdt', 'sendEvent', 'callQueue');
    },
    linkedin: function () {
      // Two parameters, as the stub's: a call queued as [a, b] and a later one record alike.
      replace('lintrk', 'q', function (a, b) {
        record([a, b]);
      });
    },
    pinterest: function () {
      var next = function () {
        record(arguments);
      };
      next.queue = [];
      next.version = (w.pintrk && w.pintrk.version) || '3.0';
      replace('pintrk', 'queue', next);
    },
    tiktok: function () {
      var ttq = w[w.TiktokAnalyticsObject || 'ttq'];
      if (!ttq || ttq.__standIn) return;
      ttq.__standIn = 1;
      var methods = ttq.methods || [];
      var instances = (ttq._i = ttq._i || {});
      var options = ttq._o || {};
      var id;
      function arm(target, instance) {
        for (var i = 0; i < methods.length; i++) target[methods[i]] = recorder([methods[i]], instance);
      }
      function drain(queue, instance) {
        while (queue.length) record(queue.shift(), instance);
      }
      function pixel(pixelId) {
        if (!instances[pixelId]) instances[pixelId] = [];
        arm(instances[pixelId], pixelId);
        return instances[pixelId];
      }
      arm(ttq);
      // The snippet's load() queues nothing: the pixels it loaded are the keys of _i, read first as the library does.
      for (id in instances) record(options[id] && Object.keys(options[id]).length ? ['load', id, options[id]] : ['load', id]);
      drain(ttq);
      for (id in instances) drain(pixel(id), id);
      ttq.load = function (pixelId) {
        pixel(pixelId);
        record(['load'].concat(slice.call(arguments)));
      };
      ttq.instance = pixel;
    },
    google: function () {
      // gtag.js reads its data layer's name from ?l=, as a site with its own layer name loads it.
      var script = typeof document != 'undefined' && document.currentScript;
      var match = /[?&]l=([^&#]+)/.exec((script && script.src) || '');
      var name = match ? decodeURIComponent(match[1]) : 'dataLayer';
      var layer = (w[name] = w[name] || []);
      if (layer.__standIn) return;
      layer.__standIn = 1;
      // Only Arguments objects are gtag calls; plain objects are data-layer events, not recorded.
      function take(entry) {
        if (Object.prototype.toString.call(entry) == '[object Arguments]') record(entry);
      }
      for (var i = 0; i < layer.length; i++) take(layer[i]);
      // Whatever push is there (GTM's, tagrelay's data-layer reader) keeps working underneath.
      var push = layer.push;
      layer.push = function () {
        var n = push.apply(this, arguments);
        for (var j = 0; j < arguments.length; j++) take(arguments[j]);
        return n;
      };
    },
  };
  takeOver[vendor]();
`;

/**
 * The script served in place of `vendor`'s library: takes over the vendor's
 * global as the library does, records every call, queued ones first, in
 * `window.__vendorCalls` as {@link RecordedCall}, and each load in
 * `window.__vendorLoaded`. Loading it twice records nothing twice.
 *
 * @example await page.route(VENDOR_SCRIPTS.meta, (route) => route.fulfill({ contentType: 'application/javascript', body: standInScript('meta') }))
 */
export function standInScript(vendor: string): string {
  if (!Object.prototype.hasOwnProperty.call(VENDOR_SCRIPTS, vendor)) throw new Error(`standInScript: unknown vendor "${vendor}"`);
  return `(function (w, vendor) {${BODY}})(window, ${JSON.stringify(vendor)});\n`;
}
