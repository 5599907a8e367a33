// Clients of registered applications joining their apps' realms with Autobahn|JS: by WAMP ticket
// and by WAMP-CRA, refused with a wrong key, an unknown realm or no method of the app's, and kept
// apart from another app's realm. Usage (trust the test certificate with NODE_EXTRA_CA_CERTS):
//   node app-realms.js wss://localhost:PORT/ isolation APP_A KEY_A APP_B KEY_B
//   node app-realms.js wss://localhost:PORT/ deletion APP KEY
// Prints one line per step; exits 0 only if every step held. In deletion mode it prints "joined"
// and waits for the router to close the session (the test deletes the app then).
'use strict';
const assert = require('assert');
const autobahn = require('autobahn');

const [url, mode, ...rest] = process.argv.slice(2);

function open(options) {
    return new Promise((resolve, reject) => {
        const connection = new autobahn.Connection({
            url, serializers: [new autobahn.serializer.JSONSerializer()], max_retries: 0, ...options,
        });
        connection.onopen = (session, details) => {
            connection.onclose = () => true;
            resolve({ connection, session, details });
        };
        connection.onclose = (reason, details) => {
            reject(Object.assign(new Error('closed: ' + details.reason), { reason: details.reason }));
            return true;
        };
        connection.open();
    });
}

// The way the README tells a browser or node peer to join with its app key.
function byTicket(realm, key, authid) {
    return open({ realm, authmethods: ['ticket'], authid, onchallenge: (session, method) => {
        assert.strictEqual(method, 'ticket');
        return key;
    } });
}

function byCra(realm, key, authid) {
    return open({ realm, authmethods: ['wampcra'], authid, onchallenge: (session, method, extra) => {
        assert.strictEqual(method, 'wampcra');
        const derived = autobahn.auth_cra.derive_key(key, extra.salt, extra.iterations, extra.keylen);
        return autobahn.auth_cra.sign(derived, extra.challenge);
    } });
}

async function refused(joining, expected, what) {
    try {
        const joined = await joining;
        joined.connection.close();
    } catch (e) {
        assert.strictEqual(e.reason, expected, what);
        console.log(what + ': ' + e.reason);
        return;
    }
    assert.fail(what + ' was let in');
}

function leave(peer) {
    return new Promise((resolve) => {
        peer.connection.onclose = (reason, details) => { resolve(details.reason); return true; };
        peer.connection.close('wamp.close.normal', 'done');
    });
}

async function isolation([appA, keyA, appB, keyB]) {
    const ticket = await byTicket(appA, keyA, 'node-1');
    assert.strictEqual(ticket.details.realm, appA);
    assert.strictEqual(ticket.details.authid, 'node-1');
    assert.strictEqual(ticket.details.authrole, 'app');
    assert.strictEqual(ticket.details.authmethod, 'ticket');
    console.log('joined ' + appA + ' by ticket as ' + ticket.details.authid);

    const cra = await byCra(appA, keyA, 'browser-1');
    assert.strictEqual(cra.details.authmethod, 'wampcra');
    assert.strictEqual(cra.details.authid, 'browser-1');
    console.log('joined ' + appA + ' by wampcra as ' + cra.details.authid);

    await refused(byTicket(appA, keyB), 'wamp.error.authentication_failed', 'ticket of another app');
    await refused(byCra(appA, keyB), 'wamp.error.authentication_failed', 'wampcra with another app\'s key');
    await refused(byTicket('com.example.unknown', keyA), 'wamp.error.no_such_realm', 'unknown realm');
    await refused(open({ realm: appA }), 'wamp.error.no_auth_method', 'app realm joined anonymously');
    await refused(open({ realm: 'main' }), 'wamp.error.no_such_realm', 'anonymous realm when off');

    // B registers a procedure under a URI A's peers also use: A cannot reach it.
    const other = await byTicket(appB, keyB);
    const procedure = 'com.example.offer';
    await other.session.register(procedure, () => 'answer from ' + appB);
    try {
        await cra.session.call(procedure, []);
        assert.fail('app A reached app B\'s procedure');
    } catch (e) {
        assert.strictEqual(e.error, 'wamp.error.no_such_procedure');
    }
    console.log('app B\'s procedure is out of app A\'s reach');
    await ticket.session.register(procedure, () => 'answer from ' + appA);
    assert.strictEqual(await cra.session.call(procedure, []), 'answer from ' + appA);
    assert.strictEqual(await other.session.call(procedure, []), 'answer from ' + appB);
    console.log('one URI, one procedure per app');

    assert.strictEqual(await cra.session.call('wamp.session.count', []), 2);
    assert.strictEqual(await other.session.call('wamp.session.count', []), 1);
    const listed = await cra.session.call('wamp.session.list', []);
    assert.deepStrictEqual(listed.sort(), [ticket.session.id, cra.session.id].sort());
    console.log('session meta API counts its own realm: 2 and 1');

    for (const peer of [ticket, cra, other]) {
        await leave(peer);
    }
    console.log('isolation ok');
}

async function deletion([app, key]) {
    const peer = await byCra(app, key);
    const closed = new Promise((resolve) => {
        peer.connection.onclose = (reason, details) => { resolve(details); return true; };
    });
    console.log('joined');
    const waiting = setTimeout(() => {
        console.log('still open 10 s after joining');
        process.exit(1);
    }, 10000);
    const details = await closed;
    clearTimeout(waiting);
    console.log('closed by the router: ' + details.reason + ' (' + details.message + ')');
    await refused(byTicket(app, key), 'wamp.error.no_such_realm', 'rejoin after deletion');
    console.log('deletion ok');
}

(mode === 'deletion' ? deletion(rest) : isolation(rest)).then(() => process.exit(0), (e) => {
    console.error(e);
    process.exit(1);
});
