// One Babble-style WebRTC peer against disco, run in its own page by relay-flow.js.
//
// In open mode the peer is given its TURN server and joins the anonymous realm. Given its app's
// key (a server of registered applications), it presents the key to the discovery API, gets its
// ICE servers from GET /ice-servers and joins its app's realm by WAMP ticket.
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

// A ticket is the app key itself: safe to send over wss://, and what the router checks it against.
const byTicket = (appKey) => ({
    authmethods: ['ticket'],
    onchallenge: (session, method) => {
        if (method !== 'ticket') {
            throw new Error('challenged by ' + method + ', not ticket');
        }
        return appKey;
    },
});

// Resolves to the session and WELCOME's details.
function joinRealm(url, realm, appKey) {
    return new Promise((resolve, reject) => {
        const connection = new autobahn.Connection({ url, realm, max_retries: 0, ...(appKey ? byTicket(appKey) : {}) });
        connection.onopen = (session, details) => resolve({ session, details });
        connection.onclose = (reason, details) => {
            reject(new Error('signaling connection closed: ' + reason + ' ' + JSON.stringify(details)));
            return true; // no reconnecting
        };
        connection.open();
    });
}

// A JSON content type makes every write a CORS preflighted request, as a real client's are; so
// does an app's key, which goes in Authorization.
async function api(options, method, path, body) {
    const headers = {};
    if (body) {
        headers['Content-Type'] = 'application/json';
    }
    if (options.appKey) {
        headers.Authorization = 'Bearer ' + options.appId + ':' + options.appKey;
    }
    const response = await fetch(options.api + path, {
        method, headers, body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
        throw new Error(method + ' ' + path + ': ' + response.status + ' ' + await response.text());
    }
    return response.json();
}

async function findGroup(options) {
    const appId = options.appId;
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
        const groups = Object.values(await api(options, 'GET', '/groups?app-id=' + encodeURIComponent(appId)));
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

// The ICE servers an app's key buys, as RTCPeerConnection takes them; in open mode the one given.
async function iceServers(options) {
    return options.appKey ? (await api(options, 'GET', '/ice-servers')).iceServers : [options.turn];
}

// options: role ('callee' or 'caller'), api, signal, appId, openTimeoutMs, and either appKey (its
// realm is its AppID) or realm and turn (an RTCIceServer). Resolves to a report of what happened;
// rejects only when a step broke.
window.runPeer = async function (options) {
    const report = { role: options.role, candidateErrors: [] };
    const realm = options.appKey ? options.appId : options.realm;
    const { session, details } = await withTimeout(joinRealm(options.signal, realm, options.appKey),
        STEP_TIMEOUT_MS, 'joining the realm');
    report.welcome = { realm: details.realm, authrole: details.authrole, authmethod: details.authmethod };
    const key = newKey();
    report.key = key;
    report.iceServers = await iceServers(options);
    const pc = new RTCPeerConnection({ iceServers: report.iceServers, iceTransportPolicy: 'relay' });
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
        report.groupId = await api(options, 'POST', '/group',
            { Name: 'browser relay test', AppID: options.appId, PubKey: key, Peers: [self], GenesisPeers: [self] });
        await withTimeout(offered, STEP_TIMEOUT_MS, 'waiting for an offer');
        ready = arrived.then(opened);
    } else {
        const group = await findGroup(options);
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
