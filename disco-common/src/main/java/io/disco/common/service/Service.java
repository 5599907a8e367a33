package io.disco.common.service;

/** One of disco's services as a process runs it: started once, stopped once. */
public interface Service {

    /** Binds its ports and starts serving; fails fast, with a message naming the port, when it cannot. */
    void start() throws Exception;

    /** Stops serving, finishing or ending what is in flight within a bounded time. */
    void stop();

    /** One line for the start-up log: what it is and where it listens. */
    String describe();
}
