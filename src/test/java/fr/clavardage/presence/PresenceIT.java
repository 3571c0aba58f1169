package fr.clavardage.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.realtime.EventTypes;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.EventStreamClient;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import fr.clavardage.testing.OwnDeployment;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Presence from live streams, idle time and chosen statuses, announced on the event stream. */
@OnEachDatabase
@OwnDeployment("starts the module with short presence and heartbeat settings")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PresenceIT {

    private static final Duration WAIT = Duration.ofSeconds(12);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // Short times so the test sees transitions that take minutes in real use. The module reads some
        // of them as it starts, hence a deployment of its own rather than the shared one.
        System.setProperty("clavardage.presence.grace", "PT1S");
        System.setProperty("clavardage.presence.idle", "PT3S");
        System.setProperty("clavardage.stream.heartbeat", "PT1S");
        return ModuleDeployment.withDemoHost("presence");
    }

    @AfterAll
    static void restoreDefaults() {
        System.clearProperty("clavardage.presence.grace");
        System.clearProperty("clavardage.presence.idle");
        System.clearProperty("clavardage.stream.heartbeat");
    }

    @ArquillianResource
    URL base;

    private String statusOf(String observer, String userId) {
        for (JsonNode user : Api.as(base, observer).get("api/v1/users?ids=" + userId).json().get("users")) {
            if (user.get("id").asText().equals(userId)) {
                return user.get("status").asText();
            }
        }
        throw new AssertionError(userId + " not listed");
    }

    private static JsonNode statusEvent(EventStreamClient stream, String userId, String status) {
        return stream.next(WAIT, e -> changeOf(e, userId) != null && changeOf(e, userId).equals(status));
    }

    static String changeOf(JsonNode event, String userId) {
        return EventStreamClient.statusChange(event, userId);
    }

    @Test
    void aStreamMakesAUserOnlineAndClosingItOfflineAfterTheGrace() {
        try (EventStreamClient camille = EventStreamClient.open(base, "camille")) {
            EventStreamClient chloe = EventStreamClient.open(base, "chloe");
            assertThat(statusEvent(camille, "u-chloe", "online")).isNotNull();
            chloe.close();
            assertThat(statusEvent(camille, "u-chloe", "offline")).as("offline once the grace is over").isNotNull();
            assertThat(statusOf("camille", "u-chloe")).isEqualTo("offline");
        }
    }

    @Test
    void severalTabsCountAsOneUser() {
        try (EventStreamClient camille = EventStreamClient.open(base, "camille");
             EventStreamClient tab1 = EventStreamClient.open(base, "emilie")) {
            assertThat(statusEvent(camille, "u-emilie", "online")).isNotNull();
            EventStreamClient tab2 = EventStreamClient.open(base, "emilie");
            tab2.close();
            assertThat(camille.next(Duration.ofSeconds(3), e -> changeOf(e, "u-emilie") != null)).isNull();
            assertThat(statusOf("camille", "u-emilie")).isIn("online", "away");
        }
    }

    @Test
    void anIdleUserBecomesAway() {
        try (EventStreamClient camille = EventStreamClient.open(base, "camille");
             EventStreamClient david = EventStreamClient.open(base, "david")) {
            assertThat(statusEvent(camille, "u-david", "away")).as("away after the idle time").isNotNull();
            Api.as(base, "david").post("api/v1/me/activity", "");
            assertThat(statusEvent(camille, "u-david", "online")).as("back when active").isNotNull();
        }
    }

    @Test
    void doNotDisturbIsKeptUntilCleared() {
        try (EventStreamClient camille = EventStreamClient.open(base, "camille");
             EventStreamClient francois = EventStreamClient.open(base, "francois")) {
            Api.as(base, "francois").patch("api/v1/users/u-francois", Map.of("status", "dnd"));
            assertThat(statusEvent(camille, "u-francois", "dnd")).isNotNull();
            francois.close();
            assertThat(statusOf("camille", "u-francois")).isEqualTo("dnd");
            Api.as(base, "francois").patch("api/v1/users/u-francois", Map.of("status", "online"));
            assertThat(statusOf("camille", "u-francois")).isIn("online", "away");
        }
    }
}
