package fr.clavardage.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.clavardage.testing.Api;
import fr.clavardage.testing.ModuleDeployment;
import fr.clavardage.testing.OnEachDatabase;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The channel endpoints over real HTTP: creation, listing, renaming, membership and their rules. */
@OnEachDatabase
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChannelApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ModuleDeployment.shared();
    }

    @ArquillianResource
    URL base;

    private Api as(String login) {
        return Api.as(base, login);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode create(Api api, Map<String, Object> body) {
        Api.Reply reply = api.post("api/v1/channels", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonNode createPrivate(Api api) {
        return create(api, Map.of("displayName", "Administratif", "name", unique("admin"), "type", "private"));
    }

    @Test
    void createsAColoredChannelAndListsItAfterGeneral() {
        Api francois = as("francois");
        // A suffix keeps the URL name free in a database other classes also write to.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = francois.post("api/v1/channels",
                Map.of("displayName", "Machine à café " + suffix, "color", "#a0522d", "type", "public", "purpose", "Pause"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode channel = created.json();
        assertThat(channel.get("name").asText()).isEqualTo("machine-a-cafe-" + suffix);
        assertThat(channel.get("color").asText()).isEqualTo("#A0522D");
        assertThat(channel.get("type").asText()).isEqualTo("public");
        assertThat(channel.get("purpose").asText()).isEqualTo("Pause");
        assertThat(channel.get("role").asText()).isEqualTo("admin");
        assertThat(channel.get("unread").asBoolean()).isFalse();
        assertThat(created.header("Location")).endsWith("/api/v1/channels/" + channel.get("id").asLong());

        // Other classes may have added François to channels of theirs: General first, then his new one.
        JsonNode mine = francois.get("api/v1/channels").json();
        assertThat(mine.get(0).get("displayName").asText()).isEqualTo("Général");
        assertThat(mine.get(0).get("general").asBoolean()).isTrue();
        assertThat(mine).filteredOn(c -> c.get("id").asLong() == channel.get("id").asLong())
                .extracting(c -> c.get("displayName").asText()).containsExactly("Machine à café " + suffix);
    }

    @Test
    void everyUserIsInGeneralAndCannotLeaveIt() {
        Api david = as("david");
        JsonNode general = david.get("api/v1/channels").json().get(0);
        assertThat(general.get("general").asBoolean()).isTrue();
        Api.Reply leave = david.delete("api/v1/channels/" + general.get("id").asLong() + "/members/u-david");
        assertThat(leave.status()).isEqualTo(409);
        assertThat(leave.json().get("error").asText()).isEqualTo("general_channel_fixed");
    }

    @Test
    void channelWithoutColorGetsOneFromThePalette() {
        JsonNode channel = create(as("alice"), Map.of("displayName", unique("Sans couleur")));
        assertThat(channel.get("color").asText()).matches("#[0-9A-F]{6}");
    }

    @Test
    void rejectsInvalidChannelsWithStableCodes() {
        Api alice = as("alice");
        Map<String, Map<String, Object>> cases = Map.of(
                "invalid_display_name", Map.of("displayName", "   "),
                "invalid_color", Map.of("displayName", "Rouge", "color", "red"),
                "invalid_channel_name", Map.of("displayName", "Nom", "name", "Avec Espaces"),
                "invalid_channel_type", Map.of("displayName", "Type", "type", "secret"),
                "invalid_purpose", Map.of("displayName", "But", "purpose", "x".repeat(251)));
        cases.forEach((code, body) -> {
            Api.Reply reply = alice.post("api/v1/channels", body);
            assertThat(reply.status()).as(code + ": " + reply).isEqualTo(422);
            assertThat(reply.json().get("error").asText()).isEqualTo(code);
            assertThat(reply.json().get("message").asText()).isNotBlank();
        });
        Api.Reply tooLong = alice.post("api/v1/channels", Map.of("displayName", "x".repeat(65)));
        assertThat(tooLong.json().get("error").asText()).isEqualTo("invalid_display_name");
        assertThat(alice.post("api/v1/channels", Map.of("displayName", "x".repeat(64), "name", unique("long"))).status())
                .isEqualTo(201);
    }

    @Test
    void urlNamesAreUnique() {
        Api alice = as("alice");
        String name = unique("unique");
        create(alice, Map.of("displayName", "Premier", "name", name));
        Api.Reply second = alice.post("api/v1/channels", Map.of("displayName", "Second", "name", name));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("error").asText()).isEqualTo("channel_name_taken");
    }

    /**
     * A private channel's URL name never makes someone else's choice fail (that 409 told them it
     * existed): names clash only with the channels the caller can see.
     */
    @Test
    void aPrivateChannelsNameRevealsNothingToOutsiders() {
        Api alice = as("alice");
        String hidden = unique("secret");
        create(alice, Map.of("displayName", "Secret", "name", hidden, "type", "private"));
        Api.Reply twice = alice.post("api/v1/channels", Map.of("displayName", "Secret aussi", "name", hidden, "type", "private"));
        assertThat(twice.status()).as("its member sees it: refused").isEqualTo(409);
        Api david = as("david");

        // An outsider may create a public or private channel with that name, or rename one to it.
        JsonNode ownPrivate = create(david, Map.of("displayName", "Mien", "name", hidden, "type", "private"));
        assertThat(ownPrivate.get("name").asText()).isEqualTo(hidden);
        long other = create(david, Map.of("displayName", "Autre", "name", unique("autre"), "type", "private")).get("id").asLong();
        String chloesName = create(as("chloe"), Map.of("displayName", "Chloé", "name", unique("c"), "type", "private"))
                .get("name").asText();
        assertThat(david.patch("api/v1/channels/" + other, Map.of("name", chloesName)).status()).isEqualTo(200);
        create(as("emilie"), Map.of("displayName", "Public", "name", hidden, "type", "public"));

        // Now a public channel holds it: everyone sees that one, so everyone is refused it.
        for (String login : new String[] {"alice", "david", "francois"}) {
            Api.Reply again = as(login).post("api/v1/channels", Map.of("displayName", "Encore", "name", hidden, "type", "private"));
            assertThat(again.status()).as(login + ": " + again).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("channel_name_taken");
        }
        // A member is refused a name their own private channel has, and nobody gets General's.
        String mine = unique("mien");
        create(as("bruno"), Map.of("displayName", "Mien", "name", mine, "type", "private"));
        assertThat(as("bruno").post("api/v1/channels", Map.of("displayName", "Mien", "name", mine)).status()).isEqualTo(409);
        assertThat(as("bruno").post("api/v1/channels", Map.of("displayName", "G", "name", "general", "type", "private"))
                .json().get("error").asText()).isEqualTo("channel_name_taken");
    }

    /** Racing creations of one public name: exactly one wins, the others get the name's own 409. */
    @Test
    void concurrentPublicCreationsOfOneNameLetOneWin() throws Exception {
        String name = unique("course");
        String[] logins = {"alice", "bruno", "chloe", "david", "emilie", "francois"};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(logins.length);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Api.Reply>> replies = new java.util.ArrayList<>();
            for (String login : logins) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return as(login).post("api/v1/channels", Map.of("displayName", "Course", "name", name));
                }));
            }
            start.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Api.Reply> reply : replies) {
                Api.Reply r = reply.get(30, java.util.concurrent.TimeUnit.SECONDS);
                if (r.status() == 201) {
                    won++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(409);
                    assertThat(r.json().get("error").asText()).as(r.toString()).isEqualTo("channel_name_taken");
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void channelAdminRenamesAndRecolors() {
        Api alice = as("alice");
        long id = create(alice, Map.of("displayName", "Service marketing", "name", unique("marketing"))).get("id").asLong();
        Api.Reply updated = alice.patch("api/v1/channels/" + id, Map.of("displayName", "Marketing", "color", "#27ae60"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("displayName").asText()).isEqualTo("Marketing");
        assertThat(updated.json().get("color").asText()).isEqualTo("#27AE60");
        assertThat(alice.get("api/v1/channels/" + id).json().get("displayName").asText()).isEqualTo("Marketing");

        Api.Reply badColor = alice.patch("api/v1/channels/" + id, Map.of("color", "#12345"));
        assertThat(badColor.status()).isEqualTo(422);
        assertThat(alice.get("api/v1/channels/" + id).json().get("color").asText()).isEqualTo("#27AE60");
    }

    @Test
    void changesTheUrlNameUnlessTaken() {
        Api alice = as("alice");
        long id = create(alice, Map.of("displayName", "Ancien", "name", unique("ancien"))).get("id").asLong();
        String wanted = unique("nouveau");
        Api.Reply renamed = alice.patch("api/v1/channels/" + id, Map.of("name", wanted));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo(wanted);

        String taken = create(alice, Map.of("displayName", "Autre", "name", unique("autre"))).get("name").asText();
        Api.Reply clash = alice.patch("api/v1/channels/" + id, Map.of("name", taken, "displayName", "Ne change pas"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("error").asText()).isEqualTo("channel_name_taken");
        JsonNode unchanged = alice.get("api/v1/channels/" + id).json();
        assertThat(unchanged.get("name").asText()).isEqualTo(wanted);
        assertThat(unchanged.get("displayName").asText()).isEqualTo("Ancien");
    }

    @Test
    void plainMembersCannotRenameButErpAdminsCan() {
        Api alice = as("alice");
        long id = create(alice, Map.of("displayName", "Compta", "name", unique("compta"))).get("id").asLong();
        Api bruno = as("bruno");
        assertThat(bruno.post("api/v1/channels/" + id + "/members", Map.of("userId", "u-bruno")).status()).isEqualTo(200);

        Api.Reply refused = bruno.patch("api/v1/channels/" + id, Map.of("displayName", "Piraté"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("not_channel_admin");

        Api.Reply byAdmin = as("camille").patch("api/v1/channels/" + id, Map.of("color", "#9B51E0"));
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(alice.get("api/v1/channels/" + id).json().get("displayName").asText()).isEqualTo("Compta");
    }

    @Test
    void onlyErpAdminsRenameGeneral() {
        long general = as("alice").get("api/v1/channels").json().get(0).get("id").asLong();
        assertThat(as("alice").patch("api/v1/channels/" + general, Map.of("color", "#000000")).status()).isEqualTo(403);
        assertThat(as("camille").patch("api/v1/channels/" + general, Map.of("color", "#2F80ED")).status()).isEqualTo(200);
    }

    @Test
    void joinAndLeaveAPublicChannel() {
        long id = create(as("alice"), Map.of("displayName", "Sport", "name", unique("sport"))).get("id").asLong();
        Api emilie = as("emilie");
        JsonNode listed = browsed(emilie, id);
        assertThat(listed).isNotNull();
        assertThat(listed.get("member").asBoolean()).isFalse();
        assertThat(emilie.get("api/v1/channels/" + id + "/posts").status()).isEqualTo(200);

        assertThat(emilie.post("api/v1/channels/" + id + "/members", Map.of("userId", "u-emilie")).status()).isEqualTo(200);
        assertThat(findById(emilie.get("api/v1/channels").json(), id)).isNotNull();
        assertThat(as("alice").get("api/v1/channels/" + id + "/members").json())
                .extracting(m -> m.get("userId").asText()).containsExactlyInAnyOrder("u-alice", "u-emilie");

        assertThat(emilie.delete("api/v1/channels/" + id + "/members/u-emilie").status()).isEqualTo(204);
        assertThat(findById(emilie.get("api/v1/channels").json(), id)).isNull();
    }

    @Test
    void privateChannelIsInvisibleToNonMembers() {
        Api alice = as("alice");
        long id = createPrivate(alice).get("id").asLong();
        Api bruno = as("bruno");
        String path = "api/v1/channels/" + id;
        assertThat(bruno.get(path).status()).isEqualTo(404);
        assertThat(bruno.get(path).json().get("error").asText()).isEqualTo("channel_not_found");
        // Exactly as a channel that does not exist.
        assertThat(bruno.get("api/v1/channels/999999").json()).isEqualTo(bruno.get(path).json());
        assertThat(bruno.get(path + "/posts").status()).isEqualTo(404);
        assertThat(bruno.post(path + "/posts", Map.of("message", "coucou")).status()).isEqualTo(404);
        assertThat(bruno.patch(path, Map.of("displayName", "Piraté")).status()).isEqualTo(404);
        assertThat(bruno.get(path + "/members").status()).isEqualTo(404);
        assertThat(bruno.post(path + "/members", Map.of("userId", "u-bruno")).status()).isEqualTo(404);
        assertThat(bruno.post(path + "/read", "").status()).isEqualTo(404);
        assertThat(findById(bruno.get("api/v1/channels").json(), id)).isNull();
        assertThat(browsed(bruno, id)).isNull();
        // Not even an ERP administrator sees into a private channel they are not in.
        assertThat(as("camille").get(path + "/posts").status()).isEqualTo(404);
    }

    @Test
    void membersInviteToAPrivateChannelAndAdminsRemove() {
        Api alice = as("alice");
        long id = createPrivate(alice).get("id").asLong();
        String members = "api/v1/channels/" + id + "/members";
        Api.Reply invited = alice.post(members, Map.of("userId", "u-bruno"));
        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.json().get("role").asText()).isEqualTo("member");

        Api bruno = as("bruno");
        assertThat(bruno.get("api/v1/channels/" + id).status()).isEqualTo(200);
        assertThat(bruno.post(members, Map.of("userId", "u-chloe")).status()).isEqualTo(200);
        Api.Reply notAdmin = bruno.delete(members + "/u-chloe");
        assertThat(notAdmin.status()).isEqualTo(403);

        assertThat(alice.delete(members + "/u-bruno").status()).isEqualTo(204);
        assertThat(bruno.get("api/v1/channels/" + id).status()).isEqualTo(404);
        assertThat(alice.delete(members + "/u-bruno").json().get("error").asText()).isEqualTo("member_not_found");
    }

    @Test
    void theLastMemberCannotLeaveAPrivateChannel() {
        Api alice = as("alice");
        long id = createPrivate(alice).get("id").asLong();
        String members = "api/v1/channels/" + id + "/members";
        Api.Reply alone = alice.delete(members + "/u-alice");
        assertThat(alone.status()).isEqualTo(409);
        assertThat(alone.json().get("error").asText()).isEqualTo("last_member");
        assertThat(alice.get("api/v1/channels/" + id).status()).isEqualTo(200);

        // With a second member, either may leave; the one who stays is then the last.
        alice.post(members, Map.of("userId", "u-bruno"));
        assertThat(as("bruno").delete(members + "/u-bruno").status()).isEqualTo(204);
        assertThat(alice.delete(members + "/u-alice").json().get("error").asText()).isEqualTo("last_member");
        // A public channel can be left by its last member: anyone can still find and join it.
        long open = create(alice, Map.of("displayName", "Ouvert", "name", unique("ouvert"))).get("id").asLong();
        assertThat(alice.delete("api/v1/channels/" + open + "/members/u-alice").status()).isEqualTo(204);
    }

    @Test
    void channelAdminsPromoteMembersAndOneAdminAlwaysRemains() {
        Api alice = as("alice");
        long id = createPrivate(alice).get("id").asLong();
        String members = "api/v1/channels/" + id + "/members";
        alice.post(members, Map.of("userId", "u-bruno"));
        alice.post(members, Map.of("userId", "u-chloe"));
        Api bruno = as("bruno");

        Api.Reply notAdmin = bruno.patch(members + "/u-chloe", Map.of("role", "admin"));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("error").asText()).isEqualTo("not_channel_admin");

        Api.Reply promoted = alice.patch(members + "/u-bruno", Map.of("role", "admin"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asText()).isEqualTo("admin");
        assertThat(bruno.get(members).json().findValuesAsText("role")).containsExactly("admin", "admin", "member");
        // Now an admin, Bruno may remove Chloé and rename the channel.
        assertThat(bruno.delete(members + "/u-chloe").status()).isEqualTo(204);

        assertThat(bruno.patch(members + "/u-alice", Map.of("role", "member")).json().get("role").asText()).isEqualTo("member");
        Api.Reply lastAdmin = bruno.patch(members + "/u-bruno", Map.of("role", "member"));
        assertThat(lastAdmin.status()).isEqualTo(409);
        assertThat(lastAdmin.json().get("error").asText()).isEqualTo("last_channel_admin");

        Api.Reply badRole = bruno.patch(members + "/u-alice", Map.of("role", "owner"));
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.json().get("error").asText()).isEqualTo("invalid_role");
        assertThat(badRole.json().get("field").asText()).isEqualTo("role");
        assertThat(bruno.patch(members + "/u-nobody", Map.of("role", "admin")).json().get("error").asText())
                .isEqualTo("member_not_found");
    }

    @Test
    void addingUnknownOrMissingUsersIsRefused() {
        Api alice = as("alice");
        long id = create(alice, Map.of("displayName", "Divers", "name", unique("divers"))).get("id").asLong();
        String members = "api/v1/channels/" + id + "/members";
        assertThat(alice.post(members, Map.of("userId", "u-nobody")).json().get("error").asText()).isEqualTo("unknown_user");
        // Gérard is an ERP user without the chat permission.
        assertThat(alice.post(members, Map.of("userId", "u-gerard")).json().get("error").asText()).isEqualTo("user_cannot_chat");
        Map<String, Object> noUser = new HashMap<>();
        noUser.put("userId", null);
        assertThat(alice.post(members, noUser).json().get("error").asText()).isEqualTo("user_required");
    }

    @Test
    void browseIsPagedByName() {
        Api alice = as("alice");
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            create(alice, Map.of("displayName", "Page " + i, "name", prefix + "-" + i));
        }
        JsonNode first = alice.get("api/v1/channels/public?after=" + prefix + "&limit=2").json();
        assertThat(first).extracting(c -> c.get("name").asText()).containsExactly(prefix + "-0", prefix + "-1");
        JsonNode second = alice.get("api/v1/channels/public?after=" + prefix + "-1&limit=2").json();
        assertThat(second.get(0).get("name").asText()).isEqualTo(prefix + "-2");
        assertThat(alice.get("api/v1/channels/public?limit=0").status()).isEqualTo(400);
        assertThat(alice.get("api/v1/channels/public?limit=abc").json().get("error").asText()).isEqualTo("invalid_limit");
    }

    /** The channel as public browsing lists it, every page read: the database holds other classes' channels too. */
    private static JsonNode browsed(Api api, long id) {
        String after = "";
        while (true) {
            JsonNode page = api.get("api/v1/channels/public?limit=200&after=" + after).json();
            JsonNode found = findById(page, id);
            if (found != null || page.size() < 200) {
                return found;
            }
            after = page.get(page.size() - 1).get("name").asText();
        }
    }

    private static JsonNode findById(JsonNode list, long id) {
        for (JsonNode node : list) {
            if (node.get("id").asLong() == id) {
                return node;
            }
        }
        return null;
    }
}
