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
 * transaction's EntityManager from {@link #entityManager()}; work that must only happen once the data
 * is durable (publishing events) registers with {@link #afterCommit}.
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

    /** Runs {@code action} after the current transaction commits; dropped if it rolls back. */
    public void afterCommit(Runnable action) {
        Unit unit = current.get();
        if (unit == null) {
            action.run();
        } else {
            unit.afterCommit.add(action);
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
        }
        for (Runnable action : unit.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "After-commit action failed", e);
            }
        }
        return result;
    }

    private static final class Unit {
        final EntityManager entityManager;
        final List<Runnable> afterCommit = new ArrayList<>();

        Unit(EntityManager entityManager) {
            this.entityManager = entityManager;
        }
    }
}
