package io.disco.common.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.disco.common.testing.ServiceProcess;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ServiceRunnerTest {

    @Test
    void aSigtermDuringStartUpStopsWhatStartedAndStartsNoMore() throws Exception {
        try (ServiceProcess process = ServiceProcess.start(ThreeServices.class)) {
            process.awaitLine(Pattern.compile("starting second$"));
            // The second service is mid-start: the stop waits for it, then stops both.
            process.terminate();
            process.awaitLine(Pattern.compile("Stopped$"));
            assertTrue(process.waitFor(10), "the process did not exit");
            List<String> lines = process.output().lines()
                    .filter(line -> line.contains("Started") || line.contains("stopping")).toList();
            assertEquals(4, lines.size(), process.output());
            assertTrue(lines.get(0).endsWith("Started first"), process.output());
            assertTrue(lines.get(1).endsWith("Started second"), process.output());
            assertTrue(lines.get(2).endsWith("stopping second"), process.output());
            assertTrue(lines.get(3).endsWith("stopping first"), process.output());
            assertFalse(process.output().contains("starting third"), process.output());
        }
    }

    /** Three services; the second takes two seconds to start. */
    public static final class ThreeServices {

        public static void main(String[] args) throws Exception {
            // disco-common's test logging shows warnings only; the runner's lines are the point here.
            ((Logger) LoggerFactory.getLogger(ServiceRunner.class)).setLevel(Level.INFO);
            ServiceRunner.runUntilStopped(List.of(new Named("first", 0), new Named("second", 2000),
                    new Named("third", 0)));
        }
    }

    private record Named(String name, long startMillis) implements Service {

        @Override
        public void start() throws Exception {
            System.out.println("starting " + name);
            Thread.sleep(startMillis);
        }

        @Override
        public void stop() {
            System.out.println("stopping " + name);
        }

        @Override
        public String describe() {
            return name;
        }
    }
}
