package fr.clavardage.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Weld's request context is kept out of the event stream, and only out of it: its activation pattern
 * is matched by Weld against the request URI without the context path.
 */
class ContextParametersTest {

    private static final Pattern ACTIVATED = Pattern.compile(ContextParameters.WELD_PARAMETERS.get("org.jboss.weld.context.mapping"));

    @Test
    void theStreamGetsNoRequestContext() {
        assertThat(ACTIVATED.matcher("/api/v1/stream").matches()).isFalse();
        assertThat(ACTIVATED.matcher("/api/v1/stream;jsessionid=abc").matches()).isFalse();
    }

    @Test
    void everyOtherPathKeepsIt() {
        for (String path : new String[] {"/api/v1/channels", "/api/v1/channels/1/posts", "/api/v1/streams",
                "/api/v1/stream/x", "/app/", "/widget/index.html", "/", ""}) {
            assertThat(ACTIVATED.matcher(path).matches()).as(path).isTrue();
        }
    }

    @Test
    void theNestingGuardIsOff() {
        assertThat(ContextParameters.WELD_PARAMETERS).containsEntry("org.jboss.weld.context.ignore.guard", "false");
    }
}
