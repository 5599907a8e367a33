// Two Autobahn|JS sessions, with Autobahn's default keepalive, left idle until Autobahn has pinged
// the router and would have given up on it; then one calls the other.
// Usage: node idle-session.js wss://localhost:PORT/   (trust the test certificate with
// NODE_EXTRA_CA_CERTS). Prints one line per step; exits 0 only if every step held.
'use strict';
const assert = require('assert');
const WebSocket = require('ws');
const autobahn = require('autobahn');

const [url] = process.argv.slice(2);

// Autobahn 20.9.2 under node, by default: every 10 s (autoping_interval) it pings a socket it has
// read nothing from for 10 s, and at the next tick terminates the socket if no pong came back in
// between (autoping_timeout is not read on this path). A socket idle since its WELCOME is pinged
// at the second tick, 20 s after opening, and dropped at the third, 30 s after: 30 s and a margin.
const AUTOPING_INTERVAL_MS = 10000;
const IDLE_MS = 3 * AUTOPING_INTERVAL_MS + 1500;

// Counted on ws itself, which Autobahn pings through: the wait below proves nothing unless a
// ping went out and its pong came back.
let pings = 0;
let pongs = 0;
const ping = WebSocket.prototype.ping;
WebSocket.prototype.ping = function (...args) {
    pings++;
    this.once('pong', () => pongs++);
    return ping.apply(this, args);
};

function join() {
    return new Promise((resolve, reject) => {
        const connection = new autobahn.Connection({
            url, realm: 'main', serializers: [new autobahn.serializer.JSONSerializer()], max_retries: 0 });
        const peer = { connection, closed: null };
        connection.onopen = (session) => { peer.session = session; resolve(peer); };
        connection.onclose = (reason, details) => {
            peer.closed = reason + ' ' + JSON.stringify(details);
            reject(new Error('connection closed: ' + peer.closed));
            return true;
        };
        connection.open();
    });
}

(async () => {
    const callee = await join();
    const caller = await join();
    await callee.session.register('io.disco.test.idle', (args) => 'still here: ' + args[0]);
    console.log('joined; idle for ' + IDLE_MS + ' ms');

    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    assert.strictEqual(callee.closed, null, 'callee dropped while idle: ' + callee.closed);
    assert.strictEqual(caller.closed, null, 'caller dropped while idle: ' + caller.closed);
    assert.ok(callee.connection.isOpen && caller.connection.isOpen, 'a connection is no longer open');
    assert.ok(pings >= 2, 'Autobahn sent ' + pings + ' pings while idle');
    assert.strictEqual(pongs, pings, pings + ' pings, ' + pongs + ' pongs');
    console.log('both sessions open after ' + pings + ' pings, each answered');

    const result = await caller.session.call('io.disco.test.idle', ['ping'], {}, { timeout: 5000 });
    assert.strictEqual(result, 'still here: ping');
    console.log('call routed after idling');
    process.exit(0);
})().catch((e) => {
    console.error('FAILED: ' + (e && e.stack || e));
    process.exit(1);
});
