// SPDX-License-Identifier: Apache-2.0
package io.redflag.console.internal;

import java.net.URL;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;

/**
 * The console's servlet context at {@code /console}: a path of its own, so that the HTTP runtime looks here before
 * the API's context at {@code /}; its files come from this bundle. Nothing here authenticates: the pages are public,
 * and every figure they show comes from {@code /api/v1}, which does. Every answer carries a Content-Security-Policy
 * that lets the page run only this context's own scripts and styles and talk only to its own origin (an injected
 * script or style, inline or from elsewhere, does not run), may not be framed (no click-jacking), and is revalidated
 * before use (a server upgrade brings its new console at once).
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

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        String path = request.getPathInfo();
        if (path == null || path.isEmpty()) { // /console: the page's relative links need the folder's slash
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + "/");
            return false;
        }
        return true;
    }

    /** Every file's type said (with nosniff, a browser guesses none): a folder is its index.html. */
    @Override
    public String getMimeType(String name) {
        if (name == null || name.endsWith("/") || name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return null;
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
