// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that reads its body as a stream and applies its own, larger limit while it reads (a bundle's
 * jar): {@link BodyLimit} leaves its body alone instead of buffering it against the general 8 MiB.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedBody {
}
