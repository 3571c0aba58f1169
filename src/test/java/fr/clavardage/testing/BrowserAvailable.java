package fr.clavardage.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Browser tests need Debian's chromium and chromium-driver: skipped without them, except in CI. */
public class BrowserAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Browser.available()) {
            return ConditionEvaluationResult.enabled("Chromium found");
        }
        String message = "No " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER
                + ": browser tests skipped (apt-get install -y chromium chromium-driver)";
        if (Boolean.getBoolean("test.browser.required")) {
            throw new IllegalStateException(message.replace("skipped", "required but cannot run"));
        }
        System.err.println("[SKIPPED] " + message);
        return ConditionEvaluationResult.disabled(message);
    }
}
