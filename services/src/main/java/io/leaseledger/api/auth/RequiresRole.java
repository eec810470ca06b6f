package io.leaseledger.api.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a route needs. Every route under {@code /api} must say (on the method or its
 * controller); {@link TokenFilter} refuses a route that does not, so a new endpoint cannot be
 * published open by forgetting it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
