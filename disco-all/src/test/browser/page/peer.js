// One Babble-style WebRTC peer against disco, run in its own page by relay-flow.js.
//
// The callee registers its public key on the signaling router and advertises a group with
// itself as its peer; the caller finds the group by AppID, calls that key with
// [callerKey, offerJSON] and gets [answerJSON] back, as Babble does. ICE uses disco's TURN
// server alone, relay candidates only. Once the data channel opens, each side sends the same
// kinds of messages and reports digests of what it sent and received, for the driver to compare.
'use strict';

const STEP_TIMEOUT_MS = 10000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
    let timer;
    const expired = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(what + ' took more than ' + ms + ' ms')), ms);
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

// Shaped as Babble's public keys ("0X04" and an uncompressed curve point's 64 bytes in hex);
// random bytes do, since the router only matches the string.
const newKey = () => '0X04' + hex(crypto.getRandomValues(new Uint8Array(64))).toUpperCase();

function joinRealm(url, realm) {
    return new Promise((resolve, reject) => {
        const connection = new autobahn.Connection({ url, realm, max_retries: 0 });
        connection.onopen = resolve;
        connection.onclose = (reason, details) => {
            reject(new Error('signaling connection closed: ' + reason + ' ' + JSON.stringify(details)));
            return true; // no reconnecting
        };
        connection.open();
    });
}

// A JSON content type makes every write a CORS preflighted request, as a real client's are.
async function api(base, method, path, body) {
    const response = await fetch(base + path, {
        method,
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
        throw new Error(method + ' ' + path + ': ' + response.status + ' ' + await response.text());
    }
    return response.json();
}

async function findGroup(base, appId) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
        const groups = Object.values(await api(base, 'GET', '/groups?app-id=' + encodeURIComponent(appId)));
        if (groups.length > 1) {
            throw new Error(groups.length + ' groups of ' + appId + ', expected one');
        }
        if (groups.length === 1) {
            return groups[0];
        }
        if (Date.now() > deadline) {
            throw new Error('no group of ' + appId + ' within ' + STEP_TIMEOUT_MS + ' ms');
        }
        await sleep(100);
    }
}

// Babble sends its description once, without trickle ICE: it must already hold every candidate.
async function describeWhenGathered(pc) {
    await withTimeout(new Promise((resolve) => {
        const check = () => pc.iceGatheringState === 'complete' && resolve();
        pc.addEventListener('icegatheringstatechange', check);
        check();
    }), STEP_TIMEOUT_MS, 'ICE gathering');
    return pc.localDescription;
}

// The candidates a description carries, as its peer will read them.
function candidatesIn(sdp) {
    return sdp.split(/\r?\n/).filter((line) => line.startsWith('a=candidate:')).map((line) => {
        const fields = line.split(' ');
        return { type: fields[fields.indexOf('typ') + 1], address: fields[4], port: Number(fields[5]) };
    });
}

// Collects a channel's messages from the moment it exists, so none is missed before it opens.
function inbox(channel, count) {
    channel.binaryType = 'arraybuffer';
    const received = [];
    const full = new Promise((resolve) => {
        channel.addEventListener('message', (event) => {
            received.push(event.data);
            if (received.length === count) {
                resolve(received);
            }
        });
    });
    return () => withTimeout(full, STEP_TIMEOUT_MS, 'receiving ' + count + ' messages');
}

// Text, text beyond ASCII, and a binary message that spans many SCTP packets.
const outgoing = (role) => [
    'hello from the ' + role,
    'Grüße, привет, 你好, 🙂 from the ' + role,
    crypto.getRandomValues(new Uint8Array(48 * 1024)).buffer,
];

async function digest(message) {
    const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message;
    const kind = typeof message === 'string' ? 'text' : 'binary';
    return kind + ':' + bytes.byteLength + ':' + hex(await crypto.subtle.digest('SHA-256', bytes));
}

const opened = (channel) => new Promise((resolve) => {
    channel.addEventListener('open', () => resolve(channel));
    if (channel.readyState === 'open') {
        resolve(channel);
    }
});

async function selectedPair(pc) {
    const stats = await pc.getStats();
    const transport = [...stats.values()].find((s) => s.type === 'transport' && s.selectedCandidatePairId);
    if (!transport) {
        return null;
    }
    const pair = stats.get(transport.selectedCandidatePairId);
    const candidate = (id) => {
        const c = stats.get(id);
        return { type: c.candidateType, address: c.address, port: c.port, url: c.url };
    };
    return { local: candidate(pair.localCandidateId), remote: candidate(pair.remoteCandidateId) };
}

// options: role ('callee' or 'caller'), api, signal, realm, appId, turn (an RTCIceServer),
// openTimeoutMs. Resolves to a report of what happened; rejects only when a step broke.
window.runPeer = async function (options) {
    const report = { role: options.role, candidateErrors: [] };
    const session = await withTimeout(joinRealm(options.signal, options.realm), STEP_TIMEOUT_MS, 'joining the realm');
    const key = newKey();
    report.key = key;
    const pc = new RTCPeerConnection({ iceServers: [options.turn], iceTransportPolicy: 'relay' });
    pc.addEventListener('icecandidateerror', (e) =>
        report.candidateErrors.push({ code: e.errorCode, text: e.errorText, url: e.url }));
    const messages = outgoing(options.role);
    let ready;
    let received;

    if (options.role === 'callee') {
        const arrived = new Promise((resolve) => pc.addEventListener('datachannel', (event) => {
            received = inbox(event.channel, messages.length);
            resolve(event.channel);
        }));
        let answered;
        const offered = new Promise((resolve) => { answered = resolve; });
        await session.register(key, async ([callerKey, offerJSON]) => {
            report.peerKey = callerKey;
            await pc.setRemoteDescription(JSON.parse(offerJSON));
            await pc.setLocalDescription();
            const answer = await describeWhenGathered(pc);
            report.candidates = candidatesIn(answer.sdp);
            answered();
            // Babble's callee yields exactly one argument, the answer's JSON.
            return new autobahn.Result([JSON.stringify(answer)]);
        });
        const self = { NetAddr: key, PubKeyHex: key, Moniker: 'callee' };
        report.groupId = await api(options.api, 'POST', '/group',
            { Name: 'browser relay test', AppID: options.appId, PubKey: key, Peers: [self], GenesisPeers: [self] });
        await withTimeout(offered, STEP_TIMEOUT_MS, 'waiting for an offer');
        ready = arrived.then(opened);
    } else {
        const group = await findGroup(options.api, options.appId);
        report.groupId = group.ID;
        report.peerKey = group.GenesisPeers[0].PubKeyHex;
        const channel = pc.createDataChannel('disco-relay-test');
        received = inbox(channel, messages.length);
        await pc.setLocalDescription();
        const offer = await describeWhenGathered(pc);
        report.candidates = candidatesIn(offer.sdp);
        const answerJSON = await session.call(report.peerKey, [key, JSON.stringify(offer)], {},
            { timeout: STEP_TIMEOUT_MS });
        await pc.setRemoteDescription(JSON.parse(answerJSON));
        ready = opened(channel);
    }

    let channel;
    try {
        channel = await withTimeout(ready, options.openTimeoutMs, 'opening the data channel');
    } catch (e) {
        report.failure = e.message + ' (ICE ' + pc.iceConnectionState + ')';
        return report;
    }
    messages.forEach((message) => channel.send(message));
    report.received = await Promise.all((await received()).map(digest));
    report.sent = await Promise.all(messages.map(digest));
    report.pair = await selectedPair(pc);
    return report;
};
