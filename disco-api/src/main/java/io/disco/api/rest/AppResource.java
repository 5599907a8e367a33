package io.disco.api.rest;

import io.disco.api.apps.AppException;
import io.disco.api.apps.AppRegistry;
import io.disco.api.apps.IssuedKey;
import io.disco.common.apps.App;
import io.disco.common.discovery.AppsApi;
import io.disco.common.discovery.NewApp;
import io.disco.common.discovery.RegisteredApp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The admin API of registered applications over HTTP: the shared contract, served by the
 * registry. Only registered when the server has an admin token, which {@link AppAuthentication}
 * checks before a request gets here.
 */
@Singleton
public final class AppResource implements AppsApi {

    private final AppRegistry registry;

    @Inject
    public AppResource(AppRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RegisteredApp register(NewApp app) {
        if (app == null) {
            throw new AppException.Invalid("the request needs a body: {\"AppID\": \"...\", \"Name\": \"...\"}");
        }
        return shown(registry.register(app.appId(), app.name()));
    }

    @Override
    public List<RegisteredApp> list() {
        return registry.list().stream().map(app -> shown(app, null)).toList();
    }

    @Override
    public RegisteredApp get(String appId) {
        return shown(registry.get(appId), null);
    }

    @Override
    public void delete(String appId) {
        registry.delete(appId);
    }

    @Override
    public RegisteredApp newKey(String appId) {
        return shown(registry.newKey(appId));
    }

    private static RegisteredApp shown(IssuedKey issued) {
        return shown(issued.app(), issued.key().text());
    }

    private static RegisteredApp shown(App app, String key) {
        return new RegisteredApp(app.id().value(), app.name(), app.created().toString(), key);
    }
}
