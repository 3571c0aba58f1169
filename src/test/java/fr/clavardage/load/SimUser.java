package fr.clavardage.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One simulated person: a demo login ({@code load0001}…), one node, one event stream, and the
 * requests a mix makes for it. Every request is asynchronous and timed under an action name.
 */
final class SimUser {

    /** An answer, or a failure ({@code status} 0). */
    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? null : RunContext.JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    final int index;
    final String login;
    final String userId;
    final URI base;
    final RunContext run;
    final UserStream stream;
    private final HttpClient http;
    private final String authorization;

    /** Channels the user is in, as far as the mix cares (joined ones, private groups). */
    final List<Long> channels = new CopyOnWriteArrayList<>();
    final List<Long> privateGroups = new CopyOnWriteArrayList<>();
    /** The user's latest posts (id), for edits. */
    final List<Long> ownPosts = new CopyOnWriteArrayList<>();
    /** Mix-specific state (the page model's, the Mattermost mix's current view). */
    volatile Object state;

    SimUser(int index, RunContext run) {
        this.index = index;
        this.login = Company.login(index);
        this.userId = Company.userId(index);
        this.run = run;
        this.base = run.options.urls().get(index % run.options.urls().size());
        this.http = run.client(index);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8));
        this.stream = new UserStream(this);
    }

    CompletableFuture<Reply> get(String action, String path) {
        return call(action, "GET", path, null, false);
    }

    /** A request the page makes by itself (refreshes): flagged so the server does not count it as activity. */
    CompletableFuture<Reply> background(String action, String path) {
        return call(action, "GET", path, null, true);
    }

    CompletableFuture<Reply> call(String action, String method, String path, String json, boolean background) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/" + path))
                .timeout(run.options.timeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (background) {
            request.header("X-Clavardage-Background", "1");
        }
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long started = System.nanoTime();
        run.metrics.inFlight.incrementAndGet();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            run.metrics.inFlight.decrementAndGet();
            long micros = (System.nanoTime() - started) / 1000;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                boolean timeout = cause instanceof HttpTimeoutException;
                run.metrics.failed(action, micros, timeout ? "timeout" : Metrics.cause(cause), timeout);
                return new Reply(0, null);
            }
            run.metrics.answered(action, micros, response.statusCode());
            return new Reply(response.statusCode(), response.body());
        });
    }

    /** Joins {@code channelId}; the ledger counts the user as a member from the acknowledgement on. */
    CompletableFuture<Reply> join(long channelId) {
        return call("join", "POST", "channels/" + channelId + "/members", "{\"userId\":\"" + userId + "\"}", false)
                .thenApply(reply -> {
                    if (reply.ok()) {
                        run.ledger.joined(channelId, index, System.nanoTime());
                        if (!channels.contains(channelId)) {
                            channels.add(channelId);
                        }
                    }
                    return reply;
                });
    }

    /** Sends a post; its acknowledgement goes to the ledger, which then expects it on every member's stream. */
    CompletableFuture<Reply> post(long channelId) {
        String body;
        try {
            body = RunContext.JSON.writeValueAsString(Map.of("message", Chatter.sentence(),
                    "clientKey", UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long sent = System.nanoTime();
        return call("post", "POST", "channels/" + channelId + "/posts", body, false).thenApply(reply -> {
            long ack = System.nanoTime();
            if (reply.status() == 201) {
                JsonNode post = reply.json();
                long postId = post.get("id").asLong();
                run.ledger.acked(postId, channelId, index, sent, ack);
                ownPosts.add(postId);
                if (ownPosts.size() > 20) {
                    ownPosts.remove(0);
                }
            }
            return reply;
        });
    }

    /** The ids of the user's channels in a {@code GET /channels} answer, General first. */
    static List<Long> channelIds(Reply reply) {
        List<Long> ids = new ArrayList<>();
        JsonNode list = reply.ok() ? reply.json() : null;
        if (list != null && list.isArray()) {
            for (JsonNode channel : list) {
                ids.add(channel.get("id").asLong());
            }
        }
        return ids;
    }

    /** Remembers the private groups a {@code GET /channels} answer lists. */
    void learnGroups(Reply reply) {
        JsonNode list = reply.ok() ? reply.json() : null;
        if (list != null && list.isArray()) {
            for (JsonNode channel : list) {
                long id = channel.get("id").asLong();
                if ("private".equals(channel.path("type").asText()) && !privateGroups.contains(id)) {
                    privateGroups.add(id);
                }
            }
        }
    }

    <T> T pick(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    /** Small talk for posts. */
    static final class Chatter {
        private static final String[] WORDS = {"réunion", "devis", "client", "livraison", "café", "planning", "facture",
                "stock", "commande", "demain", "vendredi", "urgent", "merci", "projet", "budget", "retour", "salle",
                "midi", "version", "test", "relance", "contrat", "dossier", "équipe"};

        static String sentence() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            StringBuilder s = new StringBuilder();
            int words = 4 + random.nextInt(12);
            for (int i = 0; i < words; i++) {
                s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            return s.append(random.nextInt(5) == 0 ? " ?" : ".").toString();
        }
    }
}
