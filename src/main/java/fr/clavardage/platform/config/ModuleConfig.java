package fr.clavardage.platform.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the module's settings. A setting {@code clavardage.db.url} is looked up as a system
 * property, then as the environment variable {@code CLAVARDAGE_DB_URL} (dots and dashes become
 * underscores); a host may also set it as
 * a servlet context init-parameter (see {@link #fromContext}). System properties win so that a
 * launcher or a test can override whatever the environment says.
 */
public final class ModuleConfig {

    public static final String DB_JNDI = "clavardage.db.jndi";
    public static final String DB_URL = "clavardage.db.url";
    public static final String DB_USER = "clavardage.db.user";
    public static final String DB_PASSWORD = "clavardage.db.password";

    /** Where the host binds the DataSource the module stores its tables in. */
    public static final String DEFAULT_JNDI_NAME = "java:comp/env/jdbc/clavardage";

    private ModuleConfig() {
    }

    public static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if (value == null || value.isBlank()) {
            value = ContextParameters.get(key);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
