package io.disco.api.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A web page's origin as browsers send it in {@code Origin}: {@code scheme://host[:port]}, or
 * {@code *} for any origin. Parsed once from {@code --cors-origin} so a typo (a trailing slash, a
 * path) stops start-up instead of silently matching nothing.
 */
public record WebOrigin(String value) {

    public static final WebOrigin ANY = new WebOrigin("*");

    /** @throws IllegalArgumentException saying what an origin looks like */
    public static WebOrigin parse(String text) {
        if ("*".equals(text)) {
            return ANY;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notAnOrigin(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !bare || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw notAnOrigin(text);
        }
        // Browsers send the host in lower case and leave out a default port.
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return new WebOrigin(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    /** The regular expression Jetty's {@code CrossOriginHandler} matches origins with. */
    public String pattern() {
        return "*".equals(value) ? ".*" : Pattern.quote(value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static IllegalArgumentException notAnOrigin(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a web origin (write it as scheme://host[:port] with no path, like https://app.example.com, or *)");
    }
}
