package io.disco.signal.bench;

/** The caller's and the callee's arguments: distinct, so a router that echoes or swaps them is caught. */
record Arguments(Argument call, Argument yield) {

    static Arguments ofSize(int bytes) {
        return new Arguments(Argument.tagged('c', bytes), Argument.tagged('y', bytes));
    }
}
