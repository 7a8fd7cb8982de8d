// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource method answers when its Java return type does not say it (a {@code Response}), and the
 * refusals it adds to those every route of its kind has; read by the OpenAPI document.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers {

    /** The status of a successful call. */
    int status() default 200;

    /** The body of a successful call; {@code Void} for the method's return type. */
    Class<?> body() default Void.class;

    /** The body read, for a method that takes it as bytes (to check a proof over exactly them). */
    Class<?> request() default Void.class;

    /** Refusals particular to this route (409 for a conflict, 503 for a health check…). */
    int[] refusals() default {};
}
