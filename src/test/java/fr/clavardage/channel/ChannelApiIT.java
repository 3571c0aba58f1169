package fr.clavardage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChannelApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.withDemoHost("channels");
    }

    @ArquillianResource
    URL base;

    @Test
    void createsAColoredChannelAndListsIt() {
        Api alice = Api.as(base, "alice");
        Api.Reply created = alice.post("api/v1/channels",
                Map.of("displayName", "Machine à café", "color", "#a0522d", "type", "public", "purpose", "Pause"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode channel = created.json();
        assertThat(channel.get("name").asText()).isEqualTo("machine-a-cafe");
        assertThat(channel.get("color").asText()).isEqualTo("#A0522D");
        assertThat(channel.get("role").asText()).isEqualTo("admin");
        assertThat(created.header("Location")).endsWith("/api/v1/channels/" + channel.get("id").asLong());

        JsonNode mine = alice.get("api/v1/channels").json();
        assertThat(mine).extracting(c -> c.get("displayName").asText()).containsExactly("Général", "Machine à café");
    }
}
