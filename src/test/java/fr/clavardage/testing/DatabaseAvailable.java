package fr.clavardage.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips (or, when PostgreSQL is required, fails) the PostgreSQL run when no server answers. */
public class DatabaseAvailable implements ExecutionCondition {

    private static Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.isPostgres()) {
            return ConditionEvaluationResult.enabled("H2 is always there");
        }
        synchronized (DatabaseAvailable.class) {
            if (reachable == null) {
                reachable = TestDatabase.postgresReachable();
            }
        }
        if (reachable) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + TestDatabase.pgUrl());
        }
        String message = "PostgreSQL not reachable at " + TestDatabase.pgUrl() + " as " + TestDatabase.pgUser()
                + ": PostgreSQL tests skipped (CI runs them; start a server or set -Dtest.pg.url)";
        if (Boolean.getBoolean("test.pg.required")) {
            throw new IllegalStateException(message.replace("skipped", "required but cannot run"));
        }
        System.err.println("[SKIPPED] " + message);
        return ConditionEvaluationResult.disabled(message);
    }
}
