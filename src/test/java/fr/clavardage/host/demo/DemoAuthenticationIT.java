package fr.clavardage.host.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.CookieManager;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo host keeps who its signed-in users are in memory for a short time (DemoAuthentication):
 * a user the ERP deactivates must still lose access, by session and by login, within that time.
 */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoAuthenticationIT {

    /**
     * DemoAuthentication.FRESHNESS (10 s; the demo host's classes are off the test classpath), plus
     * room for a request in flight on a busy machine.
     */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(10 + 3);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    @Test
    void aDeactivatedUserIsRefusedByLoginAndBySessionWithinTheFreshnessTime() throws Exception {
        String login = "leaver" + UUID.randomUUID().toString().substring(0, 8);
        String userId = "u-" + login;
        try (Connection db = DriverManager.getConnection(ModuleDeployment.database("shared"));
             PreparedStatement insert = db.prepareStatement("insert into demo_user (id, login, full_name, email, active, "
                     + "can_chat, is_admin) values (?, ?, 'Léa Partante', ?, true, true, false)")) {
            insert.setString(1, userId);
            insert.setString(2, login);
            insert.setString(3, login + "@demo.example");
            insert.executeUpdate();
        }
        Api byLogin = Api.as(base, login);
        HttpClient bySession = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> signIn = bySession.send(HttpRequest.newBuilder(base.toURI().resolve("demo/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=" + login)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(byLogin.get("api/v1/me").status()).isEqualTo(200);
        assertThat(sessionStatus(bySession)).isEqualTo(200);

        try (Connection db = DriverManager.getConnection(ModuleDeployment.database("shared"));
             PreparedStatement deactivate = db.prepareStatement("update demo_user set active = false where id = ?")) {
            deactivate.setString(1, userId);
            deactivate.executeUpdate();
        }
        long deactivated = System.nanoTime();
        boolean loginRefused = false;
        boolean sessionRefused = false;
        while (!(loginRefused && sessionRefused) && System.nanoTime() - deactivated < REFUSED_WITHIN.toNanos()) {
            loginRefused = loginRefused || byLogin.get("api/v1/me").status() == 401;
            sessionRefused = sessionRefused || sessionStatus(bySession) == 401;
            Thread.sleep(250);
        }
        assertThat(loginRefused).as("Basic login refused within %s", REFUSED_WITHIN).isTrue();
        assertThat(sessionRefused).as("session refused within %s", REFUSED_WITHIN).isTrue();
        // And it stays refused: nothing put the user back in memory as active.
        assertThat(byLogin.get("api/v1/me").status()).isEqualTo(401);
        assertThat(sessionStatus(bySession)).isEqualTo(401);
    }

    private int sessionStatus(HttpClient bySession) throws Exception {
        return bySession.send(HttpRequest.newBuilder(base.toURI().resolve("api/v1/me")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
