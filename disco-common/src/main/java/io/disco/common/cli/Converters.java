package io.disco.common.cli;

import io.disco.common.net.Cidr;
import java.time.Duration;
import java.util.function.Supplier;
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
            Duration duration = parsed(() -> GoDuration.parse(value));
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
            long size = parsed(() -> ByteSize.parse(value));
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

    /** An address range, {@code ADDRESS/PREFIX} or a single address, as trusted or refused by a flag. */
    public static final class AddressRange implements ITypeConverter<Cidr> {
        @Override
        public Cidr convert(String value) {
            return parsed(() -> Cidr.parse(value));
        }
    }

    /**
     * What {@code parse} returns, its refusal (an {@link IllegalArgumentException}, whose message
     * says what is wrong) becoming picocli's conversion error: how every value type of ours turns
     * into a flag.
     */
    public static <T> T parsed(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
