package io.disco.api.apps;

import io.disco.common.apps.App;
import io.disco.common.apps.AppKey;

/** An application with the key just issued to it, which is shown once and then forgotten. */
public record IssuedKey(App app, AppKey key) {
}
