// Babble's signaling flow and a pub/sub round, with Autobahn|JS against the disco router.
// Usage: node babble-flow.js wss://localhost:PORT/ json|msgpack [wss://localhost:OTHER_PORT/]
// (trust the test certificate with NODE_EXTRA_CA_CERTS). Node B, the callee and subscriber,
// joins the second URL when one is given: another router of the same cluster. Prints one line
// per step; exits 0 only if every step held.
'use strict';
const assert = require('assert');
const autobahn = require('autobahn');

const [url, serializerName, calleeUrl = url] = process.argv.slice(2);
const serializer = serializerName === 'msgpack'
    ? new autobahn.serializer.MsgpackSerializer()
    : new autobahn.serializer.JSONSerializer();

function join(url) {
    return new Promise((resolve, reject) => {
        const connection = new autobahn.Connection({ url, realm: 'main', serializers: [serializer], max_retries: 0 });
        connection.onopen = (session) => resolve({ connection, session });
        connection.onclose = (reason, details) => {
            reject(new Error('connection closed: ' + reason + ' ' + JSON.stringify(details)));
            return true;
        };
        connection.open();
    });
}

function leave(peer) {
    return new Promise((resolve) => {
        peer.connection.onclose = (reason) => { resolve(reason); return true; };
        peer.connection.close('wamp.close.normal', 'done');
    });
}

const hexKey = (byte) => '0X04' + byte.repeat(64);

(async () => {
    const nodeB = await join(calleeUrl);
    const nodeA = await join(url);
    const keyA = hexKey('AB');
    const keyB = hexKey('CD');
    assert.strictEqual(keyB.length, 132);

    // B registers its public key; A calls it with [fromKey, offerJSON] as Babble does.
    const offer = JSON.stringify({ type: 'offer', sdp: 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n'.repeat(60) });
    let refuse = false;
    const registration = await nodeB.session.register(keyB, (args) => {
        const [from, offerJSON] = args;
        if (refuse) {
            throw new autobahn.Error('io.babble.processing_offer', ['cannot process offer from ' + from], { from });
        }
        const parsed = JSON.parse(offerJSON);
        // Babble's callee yields exactly one argument, the answer's JSON (a bare array would be one
        // argument holding an array).
        return new autobahn.Result([JSON.stringify({ type: 'answer', sdp: parsed.sdp.length + ' bytes of offer from ' + from })]);
    });
    const result = await nodeA.session.call(keyB, [keyA, offer], {}, { timeout: 5000 });
    // One positional result arrives as that value itself.
    assert.strictEqual(typeof result, 'string', 'RESULT carries [answerJSON]');
    const answer = JSON.parse(result);
    assert.strictEqual(answer.type, 'answer');
    assert.strictEqual(answer.sdp, JSON.parse(offer).sdp.length + ' bytes of offer from ' + keyA);
    console.log('offer and answer exchanged (' + offer.length + ' bytes of offer)');

    refuse = true;
    try {
        await nodeA.session.call(keyB, [keyA, offer]);
        assert.fail('the refused offer was answered');
    } catch (e) {
        assert.strictEqual(e.error, 'io.babble.processing_offer');
        assert.deepStrictEqual(e.args, ['cannot process offer from ' + keyA]);
        assert.deepStrictEqual(e.kwargs, { from: keyA });
    }
    console.log('callee error reached the caller unchanged');

    await nodeB.session.unregister(registration);
    try {
        await nodeA.session.call(keyB, [keyA, offer]);
        assert.fail('call after unregister succeeded');
    } catch (e) {
        assert.strictEqual(e.error, 'wamp.error.no_such_procedure');
    }
    console.log('unregistered');

    // Publish and subscribe, with acknowledgement and publisher exclusion.
    const received = [];
    await nodeB.session.subscribe('io.disco.test.news', (args, kwargs) => received.push([args, kwargs]));
    await nodeA.session.subscribe('io.disco.test.news', () => received.push('publisher got its own event'));
    const publication = await nodeA.session.publish('io.disco.test.news', ['hello'], { n: 1 }, { acknowledge: true });
    assert.ok(publication.id > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepStrictEqual(received, [[['hello'], { n: 1 }]]);
    console.log('pubsub ok');

    assert.strictEqual(await leave(nodeA), 'closed');
    assert.strictEqual(await leave(nodeB), 'closed');
    console.log('babble flow ok over ' + serializerName);
    process.exit(0);
})().catch((e) => {
    console.error('FAILED: ' + (e && e.stack || JSON.stringify(e)));
    process.exit(1);
});
