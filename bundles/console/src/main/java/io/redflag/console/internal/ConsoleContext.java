// SPDX-License-Identifier: Apache-2.0
package io.redflag.console.internal;

import java.net.URL;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The console's servlet context at {@code /console}: a path of its own, so that the HTTP runtime looks here before
 * the API's context at {@code /}; its files come from this bundle. Nothing here authenticates: the pages are public,
 * and every figure they show comes from {@code /api/v1}, which does.
 */
@Component(service = ServletContextHelper.class, scope = ServiceScope.BUNDLE, property = {
        "osgi.http.whiteboard.context.name=" + ConsoleContext.NAME, "osgi.http.whiteboard.context.path=/console"})
public final class ConsoleContext extends ServletContextHelper {

    static final String NAME = "io.redflag.console";

    private final Bundle bundle;

    @Activate
    public ConsoleContext(ComponentContext context) {
        super(context.getUsingBundle());
        this.bundle = context.getUsingBundle();
    }

    /** A folder is its {@code index.html} (the console's first page at {@code /console/}); a file is itself. */
    @Override
    public URL getResource(String name) {
        if (name == null || bundle == null) {
            return null;
        }
        String entry = name.endsWith("/") ? name + "index.html" : name;
        return bundle.getEntry(entry.startsWith("/") ? entry.substring(1) : entry);
    }
}
