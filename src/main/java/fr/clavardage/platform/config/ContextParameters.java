package fr.clavardage.platform.config;

import fr.clavardage.platform.web.ApiBase;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures the servlet context's init-parameters as early as possible (before CDI starts), so that a
 * host can configure the module in its deployment descriptor or context XML like any webapp.
 */
public final class ContextParameters implements ServletContainerInitializer {

    private static final Map<String, String> PARAMETERS = new ConcurrentHashMap<>();

    /**
     * Weld's request context is bound to the thread that starts a request and is ended by the
     * container's request-destroyed notice. An event stream is an async request: the thread that
     * started it goes back to the pool at once, and the notice comes at the very end, on another
     * thread (Tomcat does so, as the Servlet specification allows). Weld then leaves its context and
     * its nesting guard on the first thread (warnings WELD-000714/000225/000335 on its next request,
     * thread-locals reported at undeploy) and cannot end it on the second (WELD-000715). The stream
     * uses no request-scoped bean, so Weld is told to keep out of it: no context for that path, and no
     * nesting guard (the guard only matters when a container notifies nested dispatches, which the
     * module never makes). A host may set either parameter itself; its value is then kept.
     */
    static final Map<String, String> WELD_PARAMETERS = Map.of(
            "org.jboss.weld.context.mapping", "(?!" + Pattern.quote(ApiBase.STREAM) + "(;.*)?$).*",
            "org.jboss.weld.context.ignore.guard", "false");

    static String get(String key) {
        return PARAMETERS.get(key);
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        // Before Weld's listener starts: every initializer runs before any listener is initialized.
        WELD_PARAMETERS.forEach(context::setInitParameter);
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
