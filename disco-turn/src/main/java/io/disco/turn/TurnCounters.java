package io.disco.turn;

/**
 * What the server has counted since it started, read at one moment (each count on its own: the
 * set is not one atomic snapshot).
 *
 * @param droppedDatagrams        relayed datagrams dropped: no allocation, permission or channel,
 *                                over the bandwidth, or malformed
 * @param unansweredChallenges    challenges (401, 438) not sent because their UDP source asked
 *                                too often
 * @param malformedDatagrams      datagrams to the server dropped as malformed, or not requests when
 *                                they had to be
 * @param malformedStreamMessages the same of messages on TCP and TLS connections
 * @param refusedConnections      TCP and TLS connections closed at once because as many were open
 *                                as allowed
 */
public record TurnCounters(long droppedDatagrams, long unansweredChallenges, long malformedDatagrams,
                           long malformedStreamMessages, long refusedConnections) {
}
