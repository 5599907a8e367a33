package io.disco.common.discovery;

import java.util.List;

/**
 * The client of the admin API of registered applications, {@link DiscoClient#apps()}: a proxy of
 * {@link AppsApi} itself, whose error answers become {@link DiscoApiException}s (401 for a wrong
 * admin token, 404 for an unknown application or a server without an admin token, 409 for an
 * application registered already).
 */
public final class AppsClient implements AppsApi {

    private final DiscoClient disco;
    private final AppsApi proxy;

    AppsClient(DiscoClient disco, AppsApi proxy) {
        this.disco = disco;
        this.proxy = proxy;
    }

    @Override
    public RegisteredApp register(NewApp app) {
        return disco.callAdmin(() -> proxy.register(app));
    }

    /** {@link #register(NewApp)} by ID and name. */
    public RegisteredApp register(String appId, String name) {
        return register(new NewApp(appId, name));
    }

    @Override
    public List<RegisteredApp> list() {
        return disco.callAdmin(proxy::list);
    }

    @Override
    public RegisteredApp get(String appId) {
        return disco.callAdmin(() -> proxy.get(appId));
    }

    @Override
    public void delete(String appId) {
        disco.callAdmin(() -> {
            proxy.delete(appId);
            return null;
        });
    }

    @Override
    public RegisteredApp newKey(String appId) {
        return disco.callAdmin(() -> proxy.newKey(appId));
    }
}
