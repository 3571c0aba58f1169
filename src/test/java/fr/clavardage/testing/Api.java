package fr.clavardage.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A real HTTP client of the API, signed in as a demo user the way scripts do (HTTP Basic). */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI root;
    private final String authorization;

    private Api(URI root, String authorization) {
        this.root = root;
        this.authorization = authorization;
    }

    /** {@code base} is the deployment URL Arquillian injects. */
    public static Api as(URL base, String login) {
        String token = Base64.getEncoder().encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8));
        return new Api(URI.create(base.toString()), "Basic " + token);
    }

    /** HTTP Basic with any password: for hosts that authenticate with their own user store. */
    public static Api basic(URL base, String login, String password) {
        String token = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api(URI.create(base.toString()), "Basic " + token);
    }

    public static Api anonymous(URL base) {
        return new Api(URI.create(base.toString()), null);
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)));
    }

    public Reply patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("PATCH", json(body)));
    }

    /** Sends {@code body} verbatim, with the given content type (for malformed input and uploads). */
    public Reply send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return send(builder);
    }

    /**
     * Like {@link #send} on a connection of its own: for requests the server answers before reading
     * their whole body (a 413), after which it closes the connection under the client's feet.
     */
    public Reply sendAlone(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        return exchange(HttpClient.newHttpClient(), builder.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            return exchange(HTTP, request);
        } catch (IllegalStateException stale) {
            // A pooled connection the server had closed after answering early (before reading a
            // body it refused): the request never reached it, so sending again is safe.
            if (!String.valueOf(stale.getCause() == null ? null : stale.getCause().getMessage()).contains("received no bytes")) {
                throw stale;
            }
            return exchange(HTTP, request);
        }
    }

    private static Reply exchange(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates a channel of {@code type} ("public" or "private") as this user, with a unique URL name
     * (test classes share a database), adds {@code members}, and answers its id; fails on any refusal.
     */
    public long newChannel(String displayName, String type, String... members) {
        Reply created = post("api/v1/channels", Map.of("displayName", displayName,
                "name", "t-" + java.util.UUID.randomUUID().toString().substring(0, 12), "type", type));
        if (created.status() != 201) {
            throw new AssertionError("Channel not created: " + created);
        }
        long id = created.json().get("id").asLong();
        for (String member : members) {
            Reply added = post("api/v1/channels/" + id + "/members", Map.of("userId", member));
            if (added.status() != 200 && added.status() != 201) {
                throw new AssertionError("Member not added: " + added);
            }
        }
        return id;
    }

    /** Posts {@code text} in a channel as this user and answers the post's id; fails unless it is created. */
    public long newPost(long channelId, String text) {
        Reply reply = post("api/v1/channels/" + channelId + "/posts", Map.of("message", text));
        if (reply.status() != 201) {
            throw new AssertionError("Post not created: " + reply);
        }
        return reply.json().get("id").asLong();
    }
}
