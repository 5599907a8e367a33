package io.disco.turn.relay;

import io.disco.turn.stun.StunResponse;

/**
 * The challenges (401, 438) one stream connection has drawn in a row. A client with the right
 * password needs one or two; one with a wrong password retries on every challenge, and over a
 * stream, where answers are not rate-limited, it would do so for ever: its connection ends instead.
 * The selector thread's own.
 */
final class ChallengeStreak {

    static final int MAX_IN_A_ROW = 10;

    private int inARow;

    /** Counts an answer to a request; true when it makes more challenges in a row than allowed. */
    boolean tooLongAfter(StunResponse answer) {
        inARow = answer.challenges() ? inARow + 1 : 0;
        return inARow > MAX_IN_A_ROW;
    }
}
