// Two Babble-style peers in headless Chromium, each in its own page, against a running disco:
// page/peer.js does the work, this prints what each peer saw, one "ROLE FACT: VALUE" line at a
// time, for BrowserEndToEndTest to check. Exits 0 when both peers ran to the end (connected or not),
// 1 when a step broke.
//
// Usage: node relay-flow.js --page URL --api URL --signal URL --cert PEM --app-id ID --open-timeout-ms N
//            (--turn URL --username U --password P | --app-key KEY) [--chromium PATH]
// With --turn the peers use that TURN server and the anonymous realm (open mode); with --app-key,
// the app's key: the ICE servers GET /ice-servers hands it, and the app's realm joined by ticket.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { chromium } = require('playwright-core');

const { values: args } = parseArgs({
    options: Object.fromEntries(['page', 'api', 'signal', 'turn', 'username', 'password', 'app-key', 'cert',
        'app-id', 'open-timeout-ms', 'chromium'].map((name) => [name, { type: 'string' }])),
});

// Chromium trusts the test certificate alone, by its public key, rather than ignoring every
// certificate error. (It honours this flag only together with --user-data-dir.)
function spkiHash(pemFile) {
    const spki = new crypto.X509Certificate(fs.readFileSync(pemFile)).publicKey.export({ type: 'spki', format: 'der' });
    return crypto.createHash('sha256').update(spki).digest('base64');
}

const endpoint = (c) => c.type + ' ' + c.address + ':' + c.port;

function print(report) {
    const role = report.role;
    console.log(role + ' key: ' + report.key);
    console.log(role + ' peer key: ' + report.peerKey);
    console.log(role + ' group: ' + report.groupId);
    const welcome = report.welcome;
    console.log(role + ' welcome: realm ' + welcome.realm + ', authrole ' + welcome.authrole
        + ', authmethod ' + welcome.authmethod);
    for (const server of report.iceServers) {
        console.log(role + ' ice server: ' + [].concat(server.urls).join(' ') + ' as ' + server.username);
    }
    const candidates = report.candidates.map(endpoint).join(', ');
    console.log(role + ' candidates: ' + (candidates || 'none'));
    for (const e of report.candidateErrors) {
        console.log(role + ' candidate error: ' + e.code + ' ' + e.text + ' from ' + e.url);
    }
    if (report.failure) {
        console.log(role + ' not connected: ' + report.failure);
        return;
    }
    const pair = report.pair;
    console.log(role + ' selected pair: ' + (pair
        ? 'local ' + endpoint(pair.local) + ' from ' + pair.local.url + ', remote ' + endpoint(pair.remote)
        : 'none'));
    console.log(role + ' sent: ' + report.sent.join(' '));
    console.log(role + ' received: ' + report.received.join(' '));
}

(async () => {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'disco-chromium-'));
    // Playwright's own switches are left out so that this is Chromium's whole command line.
    const browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: args.chromium || '/usr/bin/chromium',
        ignoreDefaultArgs: true,
        timeout: 30000,
        args: [
            '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--user-data-dir=' + userDataDir, '--remote-debugging-pipe',
            '--ignore-certificate-errors-spki-list=' + spkiHash(args.cert),
            // Every URL here has the IP literal 127.0.0.1: no name needs resolving, so none is.
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
            // WebRTC would otherwise announce host candidates' mDNS names on every interface.
            '--disable-features=WebRtcHideLocalIpsWithMdns',
            'about:blank',
        ],
    });
    try {
        const options = {
            api: args.api, signal: args.signal, appId: args['app-id'], openTimeoutMs: Number(args['open-timeout-ms']),
            ...(args['app-key'] ? { appKey: args['app-key'] } : {
                realm: 'main', turn: { urls: args.turn, username: args.username, credential: args.password },
            }),
        };
        const peers = await Promise.all(['callee', 'caller'].map(async (role) => {
            const page = await browser.newPage();
            // Chromium explains refused requests (CORS, certificates) only on the console.
            page.on('console', (m) => m.type() === 'error' && console.log(role + ' console: ' + m.text()));
            page.on('pageerror', (e) => console.log(role + ' page error: ' + e.message));
            await page.goto(args.page);
            return page.evaluate((o) => window.runPeer(o), { ...options, role });
        }));
        peers.forEach(print);
    } finally {
        await browser.close();
        fs.rmSync(userDataDir, { recursive: true, force: true });
    }
})().catch((e) => {
    console.log('FAILED: ' + (e && e.stack || e));
    process.exit(1);
});
