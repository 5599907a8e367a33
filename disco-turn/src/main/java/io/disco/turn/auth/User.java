package io.disco.turn.auth;

/**
 * Who a request authenticated as.
 *
 * @param username the USERNAME the request carried
 * @param account  what quotas count against: the user part of a time-limited username
 *                 ({@code expiry:user}), else the username itself
 * @param key      the long-term key that verified the request, which signs the answer
 */
public record User(String username, String account, byte[] key) {
}
