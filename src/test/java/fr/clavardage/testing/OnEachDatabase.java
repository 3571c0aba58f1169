package fr.clavardage.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs once per database: always on H2, and on PostgreSQL in the
 * {@code it-postgresql} execution, where it is skipped with a message if no server answers (unless
 * {@code -Dtest.pg.required=true}, as in CI, where that is a failure).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DatabaseAvailable.class)
public @interface OnEachDatabase {
}
