package fr.clavardage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dispatcher's one call per event: which connections an event is handed to. */
class StreamRegistryTest {

    private final StreamRegistry registry = new StreamRegistry();
    private final StreamConnection adaTab = connection("ada");
    private final StreamConnection adaPhone = connection("ada");
    private final StreamConnection bob = connection("bob");
    private final StreamConnection cy = connection("cy");

    StreamRegistryTest() {
        for (StreamConnection c : List.of(adaTab, adaPhone, bob, cy)) {
            registry.add(c);
        }
    }

    private List<StreamConnection> handed(Iterable<String> users, Set<String> allowed) {
        List<StreamConnection> handed = new ArrayList<>();
        registry.forEachConnection(users, allowed::contains, handed::add);
        return handed;
    }

    @Test
    void everyConnectionOfTheNamedUsersThatMayReceive() {
        assertThat(handed(List.of("ada", "bob", "nobody-here"), Set.of("ada", "nobody-here")))
                .as("both of ada's streams; bob may not receive; a user without a stream costs nothing")
                .containsExactlyInAnyOrder(adaTab, adaPhone);
    }

    @Test
    void noUsersNamedMeansEveryConnectedUser() {
        assertThat(handed(null, Set.of("ada", "bob", "cy"))).containsExactlyInAnyOrder(adaTab, adaPhone, bob, cy);
        assertThat(handed(null, Set.of("cy"))).containsExactly(cy);
    }

    @Test
    void aRemovedConnectionIsNoLongerHandedEvents() {
        registry.remove(adaTab);
        assertThat(handed(List.of("ada"), Set.of("ada"))).containsExactly(adaPhone);
        registry.remove(adaPhone);
        assertThat(handed(null, Set.of("ada", "bob", "cy"))).containsExactlyInAnyOrder(bob, cy);
    }

    private static StreamConnection connection(String userId) {
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(StreamRegistryTest.class.getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> null);
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
            }
        };
        return new StreamConnection(userId, null, null, async, out, new StreamConnection.Node() {
            @Override
            public void requestPage(StreamConnection c) {
            }

            @Override
            public long applied() {
                return 0;
            }

            @Override
            public void closed(StreamConnection c) {
            }
        });
    }
}
