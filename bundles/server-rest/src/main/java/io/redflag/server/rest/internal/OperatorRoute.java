// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.rest.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.ws.rs.NameBinding;

/**
 * Who may call a resource method: Operators, with an operator token; the viewer role may only read (GET), and
 * routes marked {@link #admin()} are for the admin role only.
 * Every resource method carries exactly one of {@link PublicRoute}, {@link AgentRoute} and {@link OperatorRoute};
 * {@link AccessControl} refuses a method with none.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OperatorRoute {

    /** Only the admin role: managing operator tokens. */
    boolean admin() default false;
}
