package io.disco.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written ({@code --log-format}): text as logback.xml says, or one JSON object
 * per line for a log collector, with {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, the {@code service} that wrote it and the event's own fields (SLF4J's key-value
 * pairs: a group's {@code id}, an allocation's {@code relay_port}).
 */
public enum LogFormat {

    TEXT,
    JSON;

    /** The appender of logback.xml that every line goes through. */
    static final String APPENDER = "STDERR";

    /** Writes every line from now on in this format; {@code service} names the program in JSON lines. */
    public void apply(String service) {
        if (this == TEXT) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof OutputStreamAppender<ILoggingEvent> appender)) {
            throw new IllegalStateException("logback.xml has no appender " + APPENDER + " to write JSON through");
        }
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        LogstashFieldNames names = new LogstashFieldNames();
        names.setTimestamp("time");
        names.setLogger("logger");
        names.setThread("thread");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        encoder.setFieldNames(names);
        encoder.setCustomFields("{\"service\":\"" + service.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        encoder.start();
        // Stopped and started again around the swap, so no line is written half in each format.
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }
}
