// Drill: a host FlowLens reads answers with a redirect to another site. Playwright's routes see
// only the first URL of a redirect, so here no route answers anything: every host name leads to
// one local HTTPS server (Chromium's --host-resolver-rules; a tunnelling proxy for Firefox),
// which sees every request the browser sends, a redirect's next hop included, with its real
// cookies and headers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath, launch, pageHtml, readBadges } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const JIRA_API = join(ROOT, 'tests/fixtures/jira/api');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const FIREFOX_EXTENSION = join(ROOT, '.output/firefox-mv3');
const SESSION = 'acme-session-redirect-drill';
const TOKEN = 'ghp_redirectdrill0000000000000000000000';

/** Why the drill cannot run here, or `false`: it makes its throwaway certificate with openssl. */
const noOpenssl = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl is not installed (apt-get install -y openssl): the redirect drill needs it to make a throwaway TLS certificate';

/** A self-signed certificate for one run; Chromium is told to accept it (--ignore-certificate-errors). */
function throwawayCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'flowlens-drill-tls-'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=flowlens-redirect-drill', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl could not make the drill's certificate: ${made.stderr}`);
  const pair = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const jiraFixture = (name) => JSON.parse(readFileSync(join(JIRA_API, name), 'utf8'));

/**
 * The sites of the drill, by Host header:
 * - evil.atlassian.net, an attacker's own Jira Cloud tenant (covered by FlowLens's host
 *   permission for *.atlassian.net): its issue page, and a 307 to the user's own site for every
 *   REST request, so a followed POST would be sent again there, body and all;
 * - acme.atlassian.net, the user's site, where the browser holds the user's session cookie: it
 *   answers its REST API with the user's (hand-written) issues;
 * - github.com serves a pull request page; api.github.com, asked with the user's token, answers
 *   everything with a 307 to evil.atlassian.net, standing for a hostile host that collects what
 *   is sent to it.
 */
function answer(req, res, body) {
  const host = req.headers.host;
  const path = req.url;
  if (host === 'evil.atlassian.net' && path.startsWith('/rest/')) {
    res.writeHead(307, { location: `https://acme.atlassian.net${path}` });
    return res.end();
  }
  if (host === 'evil.atlassian.net' && path.startsWith('/collect/')) return json(res, 200, { data: {} });
  if (host === 'evil.atlassian.net' && path === '/browse/PAY-42') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(pageHtml('jira/pages/issue-view.html'));
  }
  if (host === 'acme.atlassian.net' && path === '/rest/api/3/field') return json(res, 200, jiraFixture('fields.json'));
  if (host === 'acme.atlassian.net' && path === '/rest/api/3/changelog/bulkfetch') return json(res, 200, jiraFixture('changelogs.json'));
  if (host === 'acme.atlassian.net' && path === '/rest/api/3/issue/bulkfetch') {
    const keys = JSON.parse(body || '{}').issueIdsOrKeys ?? [];
    return json(res, 200, { issues: keys.includes('PAY-42') ? [jiraFixture('issues/PAY-42.json')] : [], issueErrors: [] });
  }
  if (host === 'api.github.com') {
    res.writeHead(307, { location: `https://evil.atlassian.net/collect${path}` });
    return res.end();
  }
  if (host === 'github.com' && path === '/octo-org/api/pull/101') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(pageHtml('github/pages/pull-legacy.html'));
  }
  res.writeHead(404, { 'content-type': 'text/html' });
  res.end('<!DOCTYPE html><title>Not Found</title>');
}

/**
 * Starts the sites on one local HTTPS server; `seen` gets every request that reached it: host,
 * method, path, and the credentials it carried.
 */
async function startSites() {
  const seen = [];
  const server = createHttpsServer(throwawayCertificate(), (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ host: req.headers.host, method: req.method, path: req.url, cookie: req.headers.cookie ?? '', authorization: req.headers.authorization ?? '' });
      answer(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { seen, port: server.address().port, close: () => server.close() };
}

/** The text of every badge's shadow root on the page. */
const badgeTexts = (page) => page.$$eval('flowlens-badge', (hosts) => hosts.map((host) => host.shadowRoot?.textContent ?? '').join('\n'));

/** Whether `n` badges are on the page and every one carries a state (run in the page). */
function allSettled(n) {
  const badges = document.querySelectorAll('flowlens-badge');
  return badges.length === n && [...badges].every((badge) => badge.hasAttribute('data-flow-state'));
}

/** Waits for `count` settled badges; Playwright and Puppeteer take the argument and the options in opposite order. */
const settled = (page, count) => page.waitForFunction(allSettled, count, { timeout: 15_000 });
const settledInFirefox = (page, count) => page.waitForFunction(allSettled, { timeout: 20_000 }, count);

describe('redirect drill in Chromium: a host that redirects FlowLens to another site', { skip: noOpenssl }, () => {
  let sites;
  let seen;
  let context;
  let profile;

  before(async () => {
    sites = await startSites();
    seen = sites.seen;
    profile = mkdtempSync(join(tmpdir(), 'flowlens-e2e-redirect-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      serviceWorkers: 'allow',
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...CHROMIUM_ARGS, '--ignore-certificate-errors', `--host-resolver-rules=MAP * 127.0.0.1:${sites.port}`],
    });
    await context.addCookies([{ name: 'tenant.session.token', value: SESSION, domain: 'acme.atlassian.net', path: '/', secure: true, httpOnly: true, sameSite: 'None' }]);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate((token) => globalThis.chrome.storage.local.set({ secrets: { githubTokens: { 'github.com': token }, jiraCredentials: {} } }), TOKEN);
  });
  after(async () => {
    await context?.close();
    sites?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('a Jira tenant redirecting to the user’s own site: that site never hears of it, and the badge says why', async () => {
    const page = await context.newPage();
    await page.goto('https://evil.atlassian.net/browse/PAY-42');
    await settled(page, 1);

    const asked = seen.filter((r) => r.host === 'evil.atlassian.net' && r.path.startsWith('/rest/'));
    assert.ok(asked.some((r) => r.path === '/rest/api/3/issue/bulkfetch'), 'the tenant was asked for the issue, and answered with its redirect');
    assert.deepEqual(seen.filter((r) => r.host === 'acme.atlassian.net'), [], 'no request reached the user’s own site');
    assert.deepEqual(seen.filter((r) => r.cookie.includes(SESSION)), [], 'the user’s session went nowhere');

    const [badge] = await readBadges(page);
    assert.equal(badge.key, 'jira:evil.atlassian.net/PAY-42');
    assert.equal(badge.state, 'error');
    assert.match(badge.label, /Jira at evil\.atlassian\.net redirected the request; FlowLens does not follow redirects of requests made with your session or token\./);
    const summary = jiraFixture('issues/PAY-42.json').fields.summary;
    assert.ok(!(await badgeTexts(page)).includes(summary), 'nothing of the user’s site is on the tenant’s page');
    await page.close();
  });

  it('GitHub redirecting a token request to another host: nothing is sent there, and the answer is refused', async () => {
    const page = await context.newPage();
    await page.goto('https://github.com/octo-org/api/pull/101');
    await settled(page, 3);

    assert.ok(seen.some((r) => r.host === 'api.github.com' && r.authorization === `Bearer ${TOKEN}`), 'GitHub was asked with the token');
    assert.deepEqual(seen.filter((r) => r.path.startsWith('/collect/')), [], 'no request followed the redirect');
    assert.deepEqual(seen.filter((r) => r.authorization.includes(TOKEN) && r.host !== 'api.github.com'), [], 'the token went to api.github.com only');

    const badges = await readBadges(page);
    assert.deepEqual(badges.map((b) => b.state), ['error', 'error', 'error']);
    for (const badge of badges) assert.match(badge.label, /GitHub at api\.github\.com redirected the request; FlowLens does not follow redirects of requests made with your session or token\./);
    await page.close();
  });
});

/**
 * Firefox has no host resolver rules: it is pointed at a proxy whose CONNECT tunnels all lead to
 * the same sites server, and told to accept its certificate. Anything that is not a tunnel gets
 * a 404, so nothing reaches the network.
 */
async function startTunnels(port) {
  const proxy = createHttpServer((req, res) => res.writeHead(404).end());
  proxy.on('connect', (req, client, head) => {
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise((done) => proxy.listen(0, '127.0.0.1', done));
  return proxy;
}

const noFirefox = existsSync(FIREFOX) ? noOpenssl : `no Firefox at ${FIREFOX} (apt-get install -y firefox-esr, or set FIREFOX_PATH)`;

describe('redirect drill in Firefox: a Jira tenant that redirects FlowLens to the user’s site', { skip: noFirefox }, () => {
  let sites;
  let proxy;
  let browser;

  before(async () => {
    if (!existsSync(join(FIREFOX_EXTENSION, 'manifest.json'))) throw new Error(`No Firefox build in ${FIREFOX_EXTENSION}: run npm run build:firefox first.`);
    sites = await startSites();
    proxy = await startTunnels(sites.port);
    const { port } = proxy.address();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': port,
        'network.proxy.allow_hijacking_localhost': true,
      },
    });
    await browser.installExtension(FIREFOX_EXTENSION);
  });
  after(async () => {
    await browser?.close();
    proxy?.close();
    sites?.close();
  });

  it('the user’s site never hears of the redirected request, and the badge says why', async () => {
    const page = await browser.newPage();
    // The user's session on their own site, set from a page of it.
    await page.goto('https://acme.atlassian.net/');
    await page.setCookie({ name: 'tenant.session.token', value: SESSION, domain: 'acme.atlassian.net', path: '/', secure: true, httpOnly: true, sameSite: 'None' });
    await page.goto('https://evil.atlassian.net/browse/PAY-42');
    await settledInFirefox(page, 1);

    assert.ok(sites.seen.some((r) => r.host === 'evil.atlassian.net' && r.path === '/rest/api/3/issue/bulkfetch'), 'the tenant was asked for the issue, and answered with its redirect');
    assert.deepEqual(sites.seen.filter((r) => r.host === 'acme.atlassian.net' && r.path.startsWith('/rest/')), [], 'no request reached the user’s own site');
    const [badge] = await readBadges(page);
    assert.equal(badge.state, 'error');
    assert.match(badge.label, /Jira at evil\.atlassian\.net redirected the request; FlowLens does not follow redirects of requests made with your session or token\./);
  });
});

describe('the end-to-end harness: a redirect from a routed host reaches no socket', () => {
  let browser;
  let listener;
  let connections = 0;
  before(async () => {
    listener = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise((done) => listener.listen(0, '127.0.0.1', done));
    browser = await launch();
    // A routed host's answer is a redirect; Playwright does not route the next hop.
    await browser.context.route('https://api.github.com/hop/**', (route) => route.fulfill({ status: 307, headers: { location: new URL(route.request().url()).searchParams.get('to') } }));
  });
  after(async () => {
    await browser?.close();
    listener?.close();
  });

  it('leaves every host unresolved, names and address literals alike', async () => {
    const port = listener.address().port;
    for (const to of [`https://localhost:${port}/leak`, `https://127.0.0.1:${port}/leak`, `http://127.0.0.1:${port}/leak`]) {
      const outcome = await browser.worker.evaluate(async (url) => {
        try {
          return `status ${(await fetch(url)).status}`;
        } catch (error) {
          return String(error);
        }
      }, `https://api.github.com/hop/?to=${encodeURIComponent(to)}`);
      assert.equal(outcome, 'TypeError: Failed to fetch', `the redirect to ${to} failed`);
    }
    assert.equal(connections, 0, 'no connection reached the local listener');
  });
});
