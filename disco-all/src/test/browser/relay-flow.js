// Two Babble-style peers in headless Chromium, each in its own page, against a running disco:
// page/peer.js does the work, this prints what each peer saw, one "ROLE FACT: VALUE" line at a
// time, for BrowserEndToEndTest to check. Exits 0 when both peers ran to the end (connected or not),
// 1 when a step broke.
//
// Usage: node relay-flow.js --page URL --api URL --signal URL --turn URL --username U --password P
//            --cert PEM --app-id ID --open-timeout-ms N [--chromium PATH]
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { chromium } = require('playwright-core');

const { values: args } = parseArgs({
    options: Object.fromEntries(['page', 'api', 'signal', 'turn', 'username', 'password', 'cert', 'app-id',
        'open-timeout-ms', 'chromium'].map((name) => [name, { type: 'string' }])),
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
            api: args.api, signal: args.signal, realm: 'main', appId: args['app-id'],
            turn: { urls: args.turn, username: args.username, credential: args.password },
            openTimeoutMs: Number(args['open-timeout-ms']),
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
