package fr.clavardage.realtime;

import fr.clavardage.platform.config.ModuleConfig;
import fr.clavardage.platform.lifecycle.BackgroundThreads;
import fr.clavardage.platform.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forgets events older than the retention ({@code clavardage.events.retention}, ISO-8601, default
 * PT24H): a client away longer than that is told to reload instead of replaying a day of history.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class.getName());

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(StreamRegistry.daemon("clavardage-event-retention"));

    @Inject
    EventLog log;
    @Inject
    Transactions transactions;
    @Inject
    Clock clock;

    static Duration retention() {
        return ModuleConfig.get("clavardage.events.retention").map(Duration::parse).orElse(Duration.ofHours(24));
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        timer.scheduleWithFixedDelay(this::purge, 1, 10, TimeUnit.MINUTES);
    }

    void purge() {
        try {
            int purged = transactions.call(() -> log.purgeBefore(clock.instant().minus(retention())));
            LOG.fine(() -> "Purged " + purged + " old events");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Event purge failed; tried again later", e);
        }
    }

    /** Before any application bean is destroyed (the database among them), so no work runs against a closed one. */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        BackgroundThreads.stop(timer, "The event purge");
    }
}
