package fr.clavardage.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request is on its thread while the API serves it, and only then (a pooled thread serves others next). */
class CurrentRequestTest {

    private final CurrentRequest filter = new CurrentRequest();

    @Test
    void theRequestIsThereDuringTheCallAndGoneAfter() throws Exception {
        HttpServletRequest request = request();
        List<Optional<HttpServletRequest>> seen = new ArrayList<>();

        filter.doFilter(request, null, (req, res) -> seen.add(CurrentRequest.get()));

        assertThat(seen).containsExactly(Optional.of(request));
        assertThat(CurrentRequest.get()).isEmpty();
    }

    @Test
    void aDispatchInsideACallGivesTheOuterRequestBackAfterwards() throws Exception {
        HttpServletRequest outer = request();
        HttpServletRequest inner = request();
        List<Optional<HttpServletRequest>> seen = new ArrayList<>();

        filter.doFilter(outer, null, (req, res) -> {
            filter.doFilter(inner, null, (r, s) -> seen.add(CurrentRequest.get()));
            seen.add(CurrentRequest.get());
        });

        assertThat(seen).containsExactly(Optional.of(inner), Optional.of(outer));
        assertThat(CurrentRequest.get()).isEmpty();
    }

    @Test
    void theRequestIsGoneEvenWhenTheCallFails() {
        assertThatThrownBy(() -> filter.doFilter(request(), null, (req, res) -> {
            throw new IllegalStateException("the resource failed");
        })).hasMessage("the resource failed");
        assertThat(CurrentRequest.get()).isEmpty();
    }

    /** A request the filter only passes on: nothing of it is read. */
    private static HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(CurrentRequestTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class, ServletRequest.class}, (proxy, method, args) ->
                        method.getName().equals("equals") ? proxy == args[0] : method.getName().equals("hashCode")
                                ? System.identityHashCode(proxy) : null);
    }
}
