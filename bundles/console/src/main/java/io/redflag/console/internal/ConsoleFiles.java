// SPDX-License-Identifier: Apache-2.0
package io.redflag.console.internal;

import org.osgi.service.component.annotations.Component;

/** The console's files ({@code /web} in this bundle) at {@code /console/…}, through the HTTP whiteboard. */
@Component(service = ConsoleFiles.class, property = {"osgi.http.whiteboard.resource.pattern=/*",
        "osgi.http.whiteboard.resource.prefix=/web",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + ConsoleContext.NAME + ")"})
public final class ConsoleFiles {
}
