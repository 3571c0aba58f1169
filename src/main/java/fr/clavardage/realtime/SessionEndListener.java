package fr.clavardage.realtime;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Ends the event streams of a session that is over: without it, a stream opened before signing out
 * (or before the session expired) would go on delivering to a browser nobody is signed in to.
 */
@WebListener
public class SessionEndListener implements HttpSessionListener, HttpSessionIdListener {

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        StreamService streams = streams();
        if (streams != null) {
            streams.sessionEnded(event.getSession().getId());
        }
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        StreamService streams = streams();
        if (streams != null) {
            streams.sessionRenamed(oldSessionId, event.getSession().getId());
        }
    }

    /** Null while the application starts or stops, when no stream is open anyway. */
    private static StreamService streams() {
        try {
            return CDI.current().select(StreamService.class).get();
        } catch (IllegalStateException | ContextNotActiveException notRunning) {
            return null;
        }
    }
}
