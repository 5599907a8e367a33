package io.disco.signal.bench;

/** The caller's and the callee's arguments: distinct, so a router that echoes or swaps them is caught. */
record Payloads(Payload call, Payload yield) {

    static Payloads ofSize(int bytes) {
        return new Payloads(Payload.tagged('c', bytes), Payload.tagged('y', bytes));
    }
}
