package io.disco.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;

/**
 * Drops the stack traces libraries log when a client hangs up mid-response (Jersey logs each one
 * at SEVERE). They say nothing an operator can act on, and under load they bury real errors.
 * Everything else passes untouched.
 */
public final class ClientHangUpFilter extends Filter<ILoggingEvent> {

    private static final Set<String> HANG_UPS = Set.of(
            "org.eclipse.jetty.io.EofException",
            "java.nio.channels.ClosedChannelException");
    private static final Set<String> HANG_UP_MESSAGES = Set.of(
            "Broken pipe",
            "Connection reset by peer");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            if (HANG_UPS.contains(t.getClassName()) || (t.getMessage() != null && HANG_UP_MESSAGES.contains(t.getMessage()))) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
