package io.disco.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ClientHangUpFilterTest {

    private final ClientHangUpFilter filter = new ClientHangUpFilter();
    private final LoggerContext context = new LoggerContext();

    private FilterReply decide(Throwable thrown) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("x"), Level.ERROR, "failed", thrown, null);
        return filter.decide(event);
    }

    @Test
    void dropsAHangUpAnywhereInTheCauseChain() {
        assertEquals(FilterReply.DENY, decide(new RuntimeException(new org.eclipse.jetty.io.EofException("x"))));
        assertEquals(FilterReply.DENY, decide(new IllegalStateException(new IOException("Broken pipe"))));
        assertEquals(FilterReply.DENY, decide(new IOException("Connection reset by peer")));
    }

    @Test
    void passesEverythingElse() {
        assertEquals(FilterReply.NEUTRAL, decide(new IOException("Disk full")));
        assertEquals(FilterReply.NEUTRAL, decide(new NullPointerException()));
        assertEquals(FilterReply.NEUTRAL, decide(null));
    }
}
