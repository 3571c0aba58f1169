package fr.clavardage.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resource-local transactions bound to the current thread: the servlet container has no JTA, and a
 * thread-bound unit of work also serves threads that are not HTTP requests. Repositories get the
 * transaction's EntityManager from {@link #entityManager()}. Hooks: {@link #beforeCommit} for the
 * transaction's last writes (the event log appends there), {@link #afterCommit} for what may only
 * happen once the data is durable (waking event delivery), {@link #afterCompletion} to release what
 * was held across the commit.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    @Inject
    Database database;

    public EntityManager entityManager() {
        Unit unit = current.get();
        if (unit == null) {
            throw new IllegalStateException("No transaction on this thread: call through an @InTransaction method");
        }
        return unit.entityManager;
    }

    /** Writes the transaction's pending entity changes now (before work that must come after them). */
    public void flush() {
        entityManager().flush();
    }

    /** Runs {@code action} after the current transaction commits; dropped if it rolls back. */
    public void afterCommit(Runnable action) {
        Unit unit = current.get();
        if (unit == null) {
            action.run();
        } else {
            unit.afterCommit.add(action);
        }
    }

    /**
     * Runs {@code action} inside the transaction as its very last work, just before the commit: where
     * the event log appends, so that what it writes commits with everything else or not at all.
     */
    public void beforeCommit(Runnable action) {
        unit("beforeCommit").beforeCommit.add(action);
    }

    /** Runs {@code action} once the transaction is over, committed or not (to release a lock taken before commit). */
    public void afterCompletion(Runnable action) {
        unit("afterCompletion").afterCompletion.add(action);
    }

    private Unit unit(String what) {
        Unit unit = current.get();
        if (unit == null) {
            throw new IllegalStateException(what + " needs a transaction on this thread");
        }
        return unit;
    }

    /** Whether this thread is inside a transaction (and so holds a pooled connection, or may at any moment). */
    public boolean active() {
        return current.get() != null;
    }

    /**
     * Runs {@code work} in a transaction (joining the current one), for services that first gather what
     * they need from outside the database (the host's directory) and only then open their unit of work.
     */
    public <T> T inTransaction(Callable<T> work) {
        try {
            return call(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T call(Callable<T> work) throws Exception {
        if (current.get() != null) {
            return work.call();
        }
        EntityManager em = database.entityManagerFactory().createEntityManager();
        Unit unit = new Unit(em);
        current.set(unit);
        EntityTransaction tx = em.getTransaction();
        T result;
        try {
            tx.begin();
            result = work.call();
            // Hooks may register further hooks (an event published while flushing): run until none is left.
            for (int i = 0; i < unit.beforeCommit.size(); i++) {
                unit.beforeCommit.get(i).run();
            }
            tx.commit();
        } catch (Throwable failure) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
            }
            throw failure;
        } finally {
            current.remove();
            em.close();
            for (Runnable action : unit.afterCompletion) {
                runQuietly(action, "After-completion");
            }
        }
        for (Runnable action : unit.afterCommit) {
            runQuietly(action, "After-commit");
        }
        return result;
    }

    private static void runQuietly(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " action failed", e);
        }
    }

    private static final class Unit {
        final EntityManager entityManager;
        final List<Runnable> beforeCommit = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterCompletion = new ArrayList<>();

        Unit(EntityManager entityManager) {
            this.entityManager = entityManager;
        }
    }
}
