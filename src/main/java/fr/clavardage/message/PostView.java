package fr.clavardage.message;

import fr.clavardage.realtime.EventPayload;
import fr.clavardage.realtime.EventTypes;
import java.time.Instant;
import java.util.List;

@EventPayload({EventTypes.POST_CREATED, EventTypes.POST_EDITED})
public record PostView(long id, long channelId, long seq, String authorId, String message, List<String> recipients,
                       Instant createdAt, Instant editedAt, boolean edited, String clientKey) {

    static PostView of(Post p) {
        return new PostView(p.id(), p.channelId(), p.seq(), p.authorId(), p.message(), p.recipients(),
                p.createdAt(), p.editedAt(), p.editedAt() != null, p.clientKey());
    }
}
