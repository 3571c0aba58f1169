package fr.clavardage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Seeds a company into the module's database, idempotently (a second run adds only what is missing):
 *
 * <ul>
 *   <li>users {@code load0001}… as rows of the demo host's {@code demo_user} table (JDBC: the host owns
 *       its users; the module only reads them);</li>
 *   <li>N/10 public channels {@code load-pub-NNNN} and N/5 private groups {@code load-prv-NNNN} of five
 *       users, created and filled through the API, as people would;</li>
 *   <li>history: {@code --history} posts per channel and five times that in General, written with SQL
 *       (old posts make no events, and the API would take minutes for this).</li>
 * </ul>
 */
final class CompanySeeder {

    private static final String[] FIRST = {"Camille", "Léa", "Hugo", "Manon", "Lucas", "Chloé", "Louis", "Inès", "Jules",
            "Sarah", "Nathan", "Emma", "Théo", "Jade", "Arthur", "Lina", "Paul", "Zoé", "Raphaël", "Alice"};
    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
            "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent",
            "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont"};
    private static final String[] TEAMS = {"Ventes", "Achats", "Compta", "Logistique", "Atelier", "Qualité", "RH",
            "Informatique", "Marketing", "SAV", "Bureau d'études", "Direction"};

    private final LoadOptions options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    CompanySeeder(LoadOptions options) {
        this.options = options;
    }

    static int publicChannelCount(int users) {
        return Math.max(5, users / 10);
    }

    void seed() throws Exception {
        // The warm-up users come after the measured ones, in private groups of their own.
        int n = options.users() + options.warmupUsers();
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(options.jdbc())) {
            int added = insertUsers(db, n);
            System.out.printf("Seed: %d users (%d new)%n", n, added);
            Map<String, Long> existing = loadChannels(db);
            int created = 0;
            List<CompletableFuture<?>> pending = new ArrayList<>();
            Semaphore inFlight = new Semaphore(8);
            for (int c = 0; c < publicChannelCount(n); c++) {
                String name = String.format("load-pub-%04d", c + 1);
                if (!existing.containsKey(name)) {
                    int creator = (int) ((long) c * n / publicChannelCount(n));
                    pending.add(limited(inFlight, () -> createChannel(creator, name,
                            TEAMS[creator % TEAMS.length] + " " + name.substring(9), "public")));
                    created++;
                }
            }
            int groups = (n + 4) / 5;
            for (int g = 0; g < groups; g++) {
                String name = String.format("load-prv-%04d", g + 1);
                if (!existing.containsKey(name)) {
                    int creator = g * 5;
                    pending.add(limited(inFlight, () -> createChannel(creator, name, "Groupe " + name.substring(9), "private")));
                    created++;
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            existing = loadChannels(db);
            System.out.printf("Seed: %d public channels, %d private groups (%d new)%n", publicChannelCount(n), groups, created);

            Set<String> memberships = loadMemberships(db);
            pending.clear();
            int joins = 0;
            for (int g = 0; g < groups; g++) {
                Long id = existing.get(String.format("load-prv-%04d", g + 1));
                if (id == null) {
                    throw new IllegalStateException("Private group " + (g + 1) + " was not created");
                }
                for (int u = g * 5 + 1; u < Math.min(n, g * 5 + 5); u++) {
                    if (!memberships.contains(id + "/" + Company.userId(u))) {
                        int member = u;
                        pending.add(limited(inFlight, () -> request(g5(member), "POST", "channels/" + id + "/members",
                                "{\"userId\":\"" + Company.userId(member) + "\"}")));
                        joins++;
                    }
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            System.out.printf("Seed: %d members added to private groups%n", joins);
            int posts = writeHistory(db, existing, n);
            System.out.printf("Seed: %d posts of history written; seeding took %d s%n", posts,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
    }

    /** The group's creator adds its members. */
    private static int g5(int member) {
        return member / 5 * 5;
    }

    private int insertUsers(Connection db, int n) throws SQLException {
        Set<String> have = new HashSet<>();
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("select id from demo_user where login like 'load%'")) {
            while (rows.next()) {
                have.add(rows.getString(1));
            }
        }
        int added = 0;
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement(
                "insert into demo_user (id, login, full_name, email, active, can_chat, is_admin) values (?, ?, ?, ?, true, true, false)")) {
            for (int u = 0; u < n; u++) {
                if (have.contains(Company.userId(u))) {
                    continue;
                }
                String first = FIRST[u % FIRST.length];
                String last = LAST[(u / FIRST.length) % LAST.length];
                insert.setString(1, Company.userId(u));
                insert.setString(2, Company.login(u));
                insert.setString(3, first + " " + last + " " + (u + 1));
                insert.setString(4, Company.login(u) + "@exemple.fr");
                insert.addBatch();
                added++;
                if (added % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        return added;
    }

    private static Map<String, Long> loadChannels(Connection db) throws SQLException {
        Map<String, Long> channels = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("select name, id from clv_channel where name like 'load-%' or is_general = true")) {
            while (rows.next()) {
                channels.put(rows.getString(1), rows.getLong(2));
            }
        }
        return channels;
    }

    private static Set<String> loadMemberships(Connection db) throws SQLException {
        Set<String> memberships = new HashSet<>();
        try (Statement s = db.createStatement();
             ResultSet rows = s.executeQuery("select m.channel_id, m.user_id from clv_membership m join clv_channel c"
                     + " on c.id = m.channel_id where c.name like 'load-prv-%'")) {
            while (rows.next()) {
                memberships.add(rows.getLong(1) + "/" + rows.getString(2));
            }
        }
        return memberships;
    }

    /** Tops every seeded channel and General up to its share of history, in the past, oldest first. */
    private int writeHistory(Connection db, Map<String, Long> channels, int n) throws SQLException {
        int written = 0;
        db.setAutoCommit(false);
        try (PreparedStatement last = db.prepareStatement("select last_post_seq from clv_channel where id = ?");
             PreparedStatement insert = db.prepareStatement(
                     "insert into clv_post (channel_id, seq, author_id, message, created_at) values (?, ?, ?, ?, ?)");
             PreparedStatement update = db.prepareStatement(
                     "update clv_channel set last_post_seq = ?, last_post_at = ? where id = ?")) {
            for (Map.Entry<String, Long> channel : channels.entrySet()) {
                boolean general = channel.getKey().equals("general");
                int wanted = general ? options.history() * 5 : options.history();
                last.setLong(1, channel.getValue());
                long seq;
                try (ResultSet row = last.executeQuery()) {
                    row.next();
                    seq = row.getLong(1);
                }
                if (seq >= wanted) {
                    continue;
                }
                OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
                long step = Duration.ofDays(29).toSeconds() / Math.max(1, wanted - seq);
                for (long s = seq + 1; s <= wanted; s++) {
                    at = at.plusSeconds(step);
                    insert.setLong(1, channel.getValue());
                    insert.setLong(2, s);
                    insert.setString(3, Company.userId((int) ((s * 7919 + channel.getValue()) % n)));
                    insert.setString(4, SimUser.Chatter.sentence());
                    insert.setObject(5, at);
                    insert.addBatch();
                    written++;
                    if (written % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                update.setLong(1, wanted);
                update.setObject(2, at);
                update.setLong(3, channel.getValue());
                update.executeUpdate();
                db.commit();
            }
        } finally {
            db.setAutoCommit(true);
        }
        return written;
    }

    private CompletableFuture<Void> createChannel(int creator, String name, String displayName, String type) {
        String body = "{\"displayName\":\"" + displayName.replace("\"", "") + "\",\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
        return request(creator, "POST", "channels", body).thenAccept(reply -> {
            if (reply.statusCode() != 201 && reply.statusCode() != 409) {
                throw new IllegalStateException("Creating " + name + ": " + reply.statusCode() + " " + reply.body());
            }
        });
    }

    private CompletableFuture<HttpResponse<String>> request(int user, String method, String path, String json) {
        URI base = options.urls().get(0);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((Company.login(user) + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(reply -> {
            if (reply.statusCode() >= 500 || reply.statusCode() == 401) {
                throw new IllegalStateException(method + " " + path + " as " + Company.login(user) + ": "
                        + reply.statusCode() + " " + reply.body());
            }
            return reply;
        });
    }

    private static <T> CompletableFuture<T> limited(Semaphore inFlight, java.util.function.Supplier<CompletableFuture<T>> task) {
        inFlight.acquireUninterruptibly();
        return task.get().whenComplete((v, e) -> inFlight.release());
    }

    /**
     * General and the public load channels, in name order, read through the API (as user 1), so a run
     * without {@code --jdbc} works on a company seeded earlier.
     */
    static Company discover(LoadOptions options) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((Company.login(0) + ":demo").getBytes(StandardCharsets.UTF_8));
        long general = 0;
        List<Long> publicChannels = new ArrayList<>();
        String after = null;
        while (true) {
            String path = "api/v1/channels/public?limit=200" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(options.urls().get(0).resolve(path))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("GET channels/public as " + Company.login(0) + " answered " + reply.statusCode()
                        + ": seed the company first (--jdbc)");
            }
            JsonNode page = RunContext.JSON.readTree(reply.body());
            for (JsonNode channel : page) {
                String name = channel.get("name").asText();
                if (channel.get("general").asBoolean()) {
                    general = channel.get("id").asLong();
                } else if (name.startsWith("load-pub-")) {
                    publicChannels.add(channel.get("id").asLong());
                }
                after = name;
            }
            if (page.size() < 200) {
                break;
            }
        }
        if (publicChannels.isEmpty()) {
            throw new IllegalStateException("No load-pub-* channels: seed the company first (--jdbc)");
        }
        // An earlier, larger run may have left more: this run uses its own N/10.
        int wanted = Math.min(publicChannels.size(), publicChannelCount(options.users()));
        return new Company(general, List.copyOf(publicChannels.subList(0, wanted)));
    }
}
