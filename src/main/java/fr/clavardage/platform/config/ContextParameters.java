package fr.clavardage.platform.config;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures the servlet context's init-parameters as early as possible (before CDI starts), so that a
 * host can configure the module in its deployment descriptor or context XML like any webapp.
 */
public final class ContextParameters implements ServletContainerInitializer {

    private static final Map<String, String> PARAMETERS = new ConcurrentHashMap<>();

    static String get(String key) {
        return PARAMETERS.get(key);
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        PARAMETERS.clear();
        var names = context.getInitParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("clavardage.")) {
                PARAMETERS.put(name, context.getInitParameter(name));
            }
        }
    }
}
