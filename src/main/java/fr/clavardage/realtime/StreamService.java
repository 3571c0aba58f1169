package fr.clavardage.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;

/**
 * Opens a user's event stream. The resume protocol: every event carries its log id; a client
 * reconnecting with the last id it saw (the Last-Event-ID header, which browsers send by themselves)
 * gets every event after it that it may see, then live ones, with no gap or repeat. A new client starts
 * at the current position ({@code stream.hello}); one whose position was purged from the log is told to
 * reload ({@code stream.reset}). Both go through the same catch-up from the log ({@link CatchUp}).
 */
@ApplicationScoped
public class StreamService {

    @Inject
    StreamRegistry streams;
    @Inject
    Dispatcher dispatcher;
    @Inject
    CatchUp catchUp;
    @Inject
    jakarta.enterprise.event.Event<StreamOpened> opened;

    private final StreamConnection.Node node = new StreamConnection.Node() {
        @Override
        public void requestPage(StreamConnection connection) {
            catchUp.request(connection);
        }

        @Override
        public long applied() {
            return dispatcher.applied();
        }

        @Override
        public void closed(StreamConnection connection) {
            if (streams.remove(connection)) {
                dispatcher.userLeft(connection.userId);
            }
        }
    };

    /**
     * {@code async} is the started request, whose output is switched to non-blocking here;
     * {@code sessionId} the HTTP session it was opened in, if any: the stream ends with that session.
     */
    public void open(String userId, String sessionId, AsyncContext async, ServletOutputStream out, Long lastEventId) {
        StreamConnection connection = new StreamConnection(userId, sessionId, lastEventId, async, out, node);
        streams.add(connection);
        connection.start();
        dispatcher.admit(connection);
        opened.fire(new StreamOpened(userId));
    }

    /**
     * Ends the streams opened in a session that is over (signed out, expired): a stream must not
     * outlive the sign-in that opened it. The clients reconnect, are refused with a 401, and say so.
     */
    public void sessionEnded(String sessionId) {
        streams.closeSession(sessionId);
    }

    /** The container gave a session a new id (a host renewing it at a change of rights): follow it. */
    public void sessionRenamed(String oldId, String newId) {
        streams.renameSession(oldId, newId);
    }
}
