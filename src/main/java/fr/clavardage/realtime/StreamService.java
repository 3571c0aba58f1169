package fr.clavardage.realtime;

import fr.clavardage.channel.ChannelService;
import fr.clavardage.platform.persistence.Transactions;
import fr.clavardage.presence.PresenceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;

/**
 * Opens a user's event stream and brings it up to date. The resume protocol: every event carries its
 * log id; a client reconnecting with the last id it saw (the Last-Event-ID header, which browsers send
 * by themselves) gets every event after it that it may see, then live ones, with no gap or repeat. A
 * new client starts at the current position ({@code stream.hello}); one whose position was purged
 * from the log is told to reload ({@code stream.reset}).
 */
@ApplicationScoped
public class StreamService {

    @Inject
    StreamRegistry streams;
    @Inject
    EventLog log;
    @Inject
    ChannelService channels;
    @Inject
    Transactions transactions;
    @Inject
    Dispatcher dispatcher;
    @Inject
    PresenceService presence;

    public void open(String userId, SseEventSink sink, Sse sse, Long lastEventId) throws Exception {
        // Registered before reading the log: whatever commits from now on is either read below or
        // delivered live (held back until the replay is done); duplicates are dropped by id.
        StreamConnection connection = streams.open(userId, sink, sse);
        transactions.call(() -> {
            long newest = log.newestId();
            long oldest = log.oldestId();
            if (lastEventId == null) {
                connection.position(EventTypes.HELLO, newest);
            } else if (lastEventId < 0 || lastEventId > newest || (oldest > 0 && lastEventId < oldest - 1)) {
                // Purged, or a position this log never had (the database was restored): start over.
                connection.position(EventTypes.RESET, newest);
            } else {
                replay(connection, userId, lastEventId);
            }
            return null;
        });
        connection.caughtUp();
        presence.streamOpened(userId);
        dispatcher.wake();
    }

    private void replay(StreamConnection connection, String userId, long after) {
        Set<Long> memberOf = channels.channelIdsOf(userId);
        long position = after;
        while (true) {
            List<ChatEvent> batch = log.after(position, Dispatcher.BATCH);
            for (ChatEvent event : batch) {
                if (Dispatcher.allowed(event, userId, memberOf)) {
                    connection.send(event);
                }
            }
            if (batch.size() < Dispatcher.BATCH) {
                // Always ends with the position reached: events this user may not see move it on too.
                long last = batch.isEmpty() ? position : batch.get(batch.size() - 1).id();
                connection.position(EventTypes.HELLO, last);
                return;
            }
            position = batch.get(batch.size() - 1).id();
        }
    }
}
