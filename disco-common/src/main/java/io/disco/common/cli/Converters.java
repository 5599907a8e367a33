package io.disco.common.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the value syntaxes of disco's flags. */
public final class Converters {

    private Converters() {
    }

    /** A Go-syntax duration; zero and negative durations make no sense for any of our flags. */
    public static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = parseOr(() -> GoDuration.parse(value));
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' must be a positive duration");
            }
            return duration;
        }
    }

    /** A size in bytes, at least one. */
    public static final class PositiveByteSize implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long size = parseOr(() -> ByteSize.parse(value));
            if (size <= 0) {
                throw new TypeConversionException("'" + value + "' must be at least 1 byte");
            }
            return size;
        }
    }

    /** A TCP or UDP port; 0 asks the system for a free one. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a port number");
            }
            if (port < 0 || port > 65535) {
                throw new TypeConversionException("'" + value + "' is not a port number (0 to 65535)");
            }
            return port;
        }
    }

    private static <T> T parseOr(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
