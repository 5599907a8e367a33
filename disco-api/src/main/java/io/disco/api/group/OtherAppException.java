package io.disco.api.group;

import io.disco.common.apps.AppId;

/** A write, with one application's key, of a group naming another application. */
public final class OtherAppException extends GroupException {

    public OtherAppException(AppId caller, String groupApp) {
        super("the key presented is application " + caller + "'s: it writes no group of application " + groupApp);
    }
}
