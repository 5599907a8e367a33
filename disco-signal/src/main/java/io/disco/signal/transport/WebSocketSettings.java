package io.disco.signal.transport;

import java.time.Duration;

/**
 * What the websocket layer needs to know, and nothing of WAMP or the rest of the server.
 *
 * @param maxMessageBytes largest message accepted, whole or in fragments; also the largest frame
 * @param keepalive       ping interval; a socket heard nothing from for two intervals is dropped
 * @param maxQueued       messages that may wait to be sent to one socket before it is dropped as too slow
 */
public record WebSocketSettings(long maxMessageBytes, Duration keepalive, int maxQueued) {
}
