package io.disco.api.metrics;

/**
 * The API's paths as templates, the label of its request metrics: an ID in a path never becomes a
 * label value, and anything else is {@code other}, so clients cannot grow the label's values.
 */
enum Route {
    GROUP("/group"),
    GROUPS("/groups"),
    GROUP_BY_ID("/groups/{id}"),
    APPS("/apps"),
    APP_BY_ID("/apps/{id}"),
    APP_KEYS("/apps/{id}/keys"),
    OTHER("other");

    private static final String GROUP_PREFIX = "/groups/";
    private static final String APP_PREFIX = "/apps/";
    private static final String KEYS_SUFFIX = "/keys";

    final String template;

    Route(String template) {
        this.template = template;
    }

    /** The template {@code path} (as sent, before percent-decoding) matches. */
    static Route of(String path) {
        if (path.startsWith(GROUP_PREFIX)) {
            return oneSegment(path, GROUP_PREFIX.length()) ? GROUP_BY_ID : OTHER;
        }
        if (path.startsWith(APP_PREFIX)) {
            if (oneSegment(path, APP_PREFIX.length())) {
                return APP_BY_ID;
            }
            return path.endsWith(KEYS_SUFFIX)
                    && oneSegment(path.substring(0, path.length() - KEYS_SUFFIX.length()), APP_PREFIX.length())
                    ? APP_KEYS : OTHER;
        }
        return switch (path) {
            case "/group" -> GROUP;
            case "/groups" -> GROUPS;
            case "/apps" -> APPS;
            default -> OTHER;
        };
    }

    /** Whether {@code path} from {@code start} is one segment, not empty. */
    private static boolean oneSegment(String path, int start) {
        return path.length() > start && path.indexOf('/', start) < 0;
    }
}
