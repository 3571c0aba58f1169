package fr.clavardage.realtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record that is the {@code data} of the named events. Every documented event has one, so
 * that a client can apply the change in place; a test checks these records against docs/realtime.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventPayload {

    /** The event types (constants of {@link EventTypes}) whose data this record is. */
    String[] value();
}
