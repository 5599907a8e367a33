package io.disco.turn.stun;

/** The STUN and TURN methods this server answers. */
public enum Method {
    BINDING(0x001),
    ALLOCATE(0x003),
    REFRESH(0x004),
    CREATE_PERMISSION(0x008),
    CHANNEL_BIND(0x009);

    private final int code;

    Method(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The method of a message type (the class bits masked out), or null when unknown here. */
    public static Method ofMessageType(int type) {
        int code = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        for (Method method : values()) {
            if (method.code == code) {
                return method;
            }
        }
        return null;
    }

    /** The message type of this method's request, success response or error response. */
    public int messageType(int messageClass) {
        return (code & 0x000F) | ((code & 0x0070) << 1) | ((code & 0x0F80) << 2) | messageClass;
    }

    public static final int CLASS_REQUEST = 0x0000;
    public static final int CLASS_SUCCESS = 0x0100;
    public static final int CLASS_ERROR = 0x0110;
}
