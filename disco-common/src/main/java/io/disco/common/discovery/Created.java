package io.disco.common.discovery;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a call whose success status is 201 Created rather than 200, so that the contract keeps
 * its typed return value instead of a raw {@code Response}. The server binds a filter to it.
 */
@NameBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Created {
}
