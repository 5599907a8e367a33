package io.disco.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger("io.disco.api.group.Audit");

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStderr() {
        stderr = System.err;
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws Exception {
        System.setErr(stderr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String lines() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsOneObjectPerLineWithTheServiceAndTheEventsFields() throws Exception {
        LogFormat.JSON.apply("disco-api");

        LOG.atInfo().addKeyValue("id", "g1").addKeyValue("app_id", "chat").log("Group created");
        LOG.info("Second \"line\"\nwith a newline");

        String[] lines = lines().split("\n");
        assertEquals(2, lines.length, lines());
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("Group created", first.get("message").asText());
        assertEquals("INFO", first.get("level").asText());
        assertEquals("io.disco.api.group.Audit", first.get("logger").asText());
        assertEquals("disco-api", first.get("service").asText());
        assertEquals("g1", first.get("id").asText());
        assertEquals("chat", first.get("app_id").asText());
        assertTrue(first.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), first.toString());
        assertFalse(first.has("@version"), first.toString());
        assertEquals("Second \"line\"\nwith a newline", new ObjectMapper().readTree(lines[1]).get("message").asText());
    }

    @Test
    void textShowsTheEventsFieldsAfterItsMessageAndNothingWhenItHasNone() {
        LogFormat.TEXT.apply("disco-api");

        LOG.atInfo().addKeyValue("id", "g1").log("Group created");
        LOG.info("Plain");

        String[] lines = lines().split("\n");
        assertTrue(lines[0].endsWith(" - Group created id=\"g1\""), lines[0]);
        assertTrue(lines[1].endsWith(" - Plain"), lines[1]);
    }
}
