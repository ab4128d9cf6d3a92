// Firefox's Remote Debugging Protocol (the one about:debugging speaks), just enough to run code in
// the extension's own pages: its background page and its options page. WebDriver BiDi, which
// Puppeteer drives, refuses to navigate to or script moz-extension:// pages; RDP's watcher lists
// them as targets with a console to evaluate in. Firefox must run with `-start-debugger-server
// PORT` and the prefs of `RDP_PREFS`.
import net from 'node:net';
import puppeteer from 'puppeteer-core';

/** Lets a local client connect without a prompt. */
export const RDP_PREFS = { 'devtools.debugger.remote-enabled': true, 'devtools.debugger.prompt-connection': false, 'devtools.chrome.enabled': true };

/**
 * Firefox prefs that send every request through a proxy on port 9 (discard), where nothing
 * listens: every request that leaves the browser fails at once, with or without a network.
 */
export const OFFLINE = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': true,
};

/** Waits until the browser has `n` tabs open (the welcome tab opens on install). */
export async function waitForTabs(browser, n) {
  const deadline = Date.now() + 20_000;
  while ((await browser.pages()).length < n) {
    if (Date.now() > deadline) throw new Error(`Firefox opened fewer than ${n} tabs: did the welcome tab not open on install?`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts Firefox offline with its debugger server, installs the extension as a temporary add-on
 * and watches its pages: `{ browser, rdp, addon }` (`addon.page('_generated_background_page.html')`).
 */
export async function launchWithRdp({ firefox, extension, id = 'flowlens@flowlens.dev' }) {
  const port = await freePort();
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefox, headless: true, args: ['-start-debugger-server', String(port)], extraPrefsFirefox: { ...OFFLINE, ...RDP_PREFS } });
  await browser.installExtension(extension);
  const rdp = await connectRdp(port);
  return { browser, rdp, addon: await watchAddon(rdp, id) };
}

/** A free local TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Connects to the debugger server; packets are `LENGTH:JSON`. */
export async function connectRdp(port) {
  const socket = net.createConnection({ port, host: '127.0.0.1' });
  let buffer = Buffer.alloc(0);
  const unclaimed = [];
  const waiting = [];
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(':');
      const length = Number(buffer.subarray(0, colon).toString());
      if (colon < 0 || buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString());
      buffer = buffer.subarray(colon + 1 + length);
      const waiter = waiting.find((w) => w.test(packet));
      if (!waiter) {
        unclaimed.push(packet);
        continue;
      }
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(packet);
    }
  });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  /** The first packet that passes `test`, already come or to come. */
  const next = (test, ms = 10_000) => {
    const found = unclaimed.find(test);
    if (found) return Promise.resolve(unclaimed.splice(unclaimed.indexOf(found), 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Firefox did not answer over RDP')), ms);
      waiting.push({ test, resolve: (packet) => (clearTimeout(timer), resolve(packet)) });
    });
  };
  const send = (packet) => {
    const text = JSON.stringify(packet);
    socket.write(`${Buffer.byteLength(text)}:${text}`);
  };
  await next((packet) => packet.from === 'root');
  return { next, send, close: () => socket.end() };
}

/**
 * Watches the frames of the add-on `id`; `page(fragment)` resolves to a console of the first
 * extension page whose URL contains `fragment` (`_generated_background_page.html`, `options.html`).
 */
export async function watchAddon(rdp, id) {
  rdp.send({ to: 'root', type: 'listAddons' });
  const { addons } = await rdp.next((packet) => packet.from === 'root' && packet.addons);
  const addon = addons.find((a) => a.id === id);
  if (!addon) throw new Error(`Add-on ${id} is not installed`);
  rdp.send({ to: addon.actor, type: 'getWatcher', isServerTargetSwitchingEnabled: true, isPopupDebuggingEnabled: false });
  const watcher = await rdp.next((packet) => packet.from === addon.actor && packet.actor);
  rdp.send({ to: watcher.actor, type: 'watchTargets', targetType: 'frame' });
  return {
    async page(fragment) {
      const { target } = await rdp.next((packet) => packet.type === 'target-available-form' && packet.target.url.startsWith('moz-extension://') && packet.target.url.includes(fragment));
      return pageConsole(rdp, target.consoleActor);
    },
  };
}

/** Runs code in one extension page: `run(fn, arg)` awaits `fn(arg)` there and returns its JSON value. */
function pageConsole(rdp, consoleActor) {
  let runs = 0;
  const evaluate = async (text) => {
    rdp.send({ to: consoleActor, type: 'evaluateJSAsync', text });
    const { resultID } = await rdp.next((packet) => packet.from === consoleActor && packet.resultID && packet.type !== 'evaluationResult');
    const answer = await rdp.next((packet) => packet.type === 'evaluationResult' && packet.resultID === resultID);
    if (answer.hasException) throw new Error(`In the extension page: ${answer.exceptionMessage}`);
    return answer.result;
  };
  return {
    async run(fn, arg, ms = 20_000) {
      const slot = `__flowlensTest${(runs += 1)}`;
      await evaluate(`(${fn})(${JSON.stringify(arg)}).then((value) => (globalThis.${slot} = { value: JSON.stringify(value) ?? 'null' }), (error) => (globalThis.${slot} = { error: String(error) }))`);
      for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        const settled = await evaluate(`globalThis.${slot} ? JSON.stringify(globalThis.${slot}) : ''`);
        if (!settled) continue;
        if (typeof settled !== 'string') throw new Error('The answer is too long for this helper (a long string grip).');
        const { value, error } = JSON.parse(settled);
        if (error) throw new Error(`In the extension page: ${error}`);
        return JSON.parse(value);
      }
      throw new Error(`${fn} did not settle in the extension page`);
    },
  };
}

/**
 * Sets a page's viewport in Firefox over WebDriver BiDi's `browsingContext.setViewport` alone.
 * puppeteer-core's `page.setViewport` also sends `emulation.setScreenOrientationOverride`,
 * which Firefox ESR 140 does not know ("unknown command"), and fails as a whole.
 */
export async function setFirefoxViewport(page, { width, height }) {
  await page.mainFrame().browsingContext.setViewport({ viewport: { width, height } });
}
