package fr.clavardage.realtime;

import fr.clavardage.platform.lifecycle.BackgroundThreads;
import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the log for connections that are not live: a client resuming from its Last-Event-ID, a new
 * client up to the point where live delivery takes over, and a slow reader whose queue overflowed.
 * One page per task, and the next only once that connection's output has drained: each client is
 * replayed at its own pace, and a client that does not read costs no further reads.
 */
@ApplicationScoped
public class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class.getName());

    /** Events read per page; a page stops earlier when the connection's queue is full. */
    static final int PAGE = 200;
    private static final int THREADS = 2;

    private final ExecutorService readers =
            Executors.newFixedThreadPool(THREADS, StreamRegistry.daemon("clavardage-stream-catch-up"));

    @Inject
    EventLog log;
    @Inject
    Transactions transactions;
    @Inject
    Dispatcher dispatcher;

    void request(StreamConnection connection) {
        try {
            readers.execute(() -> readPage(connection));
        } catch (RejectedExecutionException shuttingDown) {
            connection.pageFailed();
        }
    }

    private record Page(long startAt, String marker, List<ChatEvent> events, boolean complete, long upTo) {
    }

    private void readPage(StreamConnection connection) {
        if (connection.isClosed()) {
            connection.pageFailed();
            return;
        }
        try {
            // Never read past what the dispatcher has applied to the membership index: an event is
            // only filtered with memberships at least as recent as the event itself.
            long upTo = dispatcher.applied();
            long from = connection.position();
            Page page = transactions.call(() -> {
                long oldest = log.oldestId();
                long start = from;
                String marker = null;
                if (start < 0) {
                    Long resume = connection.resumeFrom;
                    long newest = log.newestId();
                    if (resume == null) {
                        marker = EventTypes.HELLO;
                        start = newest;
                    } else if (resume < 0 || resume > newest || tooOld(resume, oldest)) {
                        // Purged, or a position this log never had (the database was restored): start over.
                        marker = EventTypes.RESET;
                        start = newest;
                    } else {
                        start = resume;
                    }
                } else if (tooOld(start, oldest)) {
                    // Fell behind for longer than the retention while catching up.
                    marker = EventTypes.RESET;
                    start = log.newestId();
                }
                List<ChatEvent> events = start >= upTo ? List.of() : log.between(start, upTo, PAGE);
                return new Page(start, marker, events, events.size() < PAGE, upTo);
            });
            Set<Long> memberOf = dispatcher.channelsOf(connection.userId);
            connection.acceptPage(page.startAt(), page.marker(), page.events(), page.complete(), page.upTo(),
                    memberOf);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not read the event log for a stream of " + connection.userId
                    + "; it is closed and will resume", e);
            connection.pageFailed();
        }
    }

    /**
     * The event at {@code position} was purged, so events after it may have been too: resuming from it
     * could skip some. (Ids are times, not a count, so "oldest − 1" says nothing about what lay between.)
     * Position 0, given while the log was still empty, replays all that is kept: the log only empties
     * once, before its first event, so that client can have lost something only if it stayed away for
     * the whole retention since the module's very first event.
     */
    private static boolean tooOld(long position, long oldest) {
        return oldest > 0 && position > 0 && position < oldest;
    }

    /** Before any application bean is destroyed (the database among them), so no work runs against a closed one. */
    void shutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        BackgroundThreads.stop(readers, "The stream catch-up readers");
    }
}
