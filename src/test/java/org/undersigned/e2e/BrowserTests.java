package org.undersigned.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a browser journey (Playwright driving Debian's Chromium). The system property {@code
 * browser.tests} decides: {@code required} (CI) runs them and fails if Chromium is missing;
 * {@code auto} (the default) runs them when {@code /usr/bin/chromium} exists and otherwise skips
 * them with a message saying so; {@code skip} skips them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(BrowserTests.Condition.class)
public @interface BrowserTests {

    Path CHROMIUM = Path.of("/usr/bin/chromium");

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String mode = System.getProperty("browser.tests", "auto");
            boolean present = Files.isExecutable(CHROMIUM);
            switch (mode) {
                case "skip":
                    return ConditionEvaluationResult.disabled("Browser journeys skipped (-Dbrowser.tests=skip).");
                case "required":
                    if (!present) {
                        throw new IllegalStateException("Browser journeys are required (-Dbrowser.tests=required) but "
                                + CHROMIUM + " is missing: apt-get install -y chromium");
                    }
                    return ConditionEvaluationResult.enabled("Chromium present; browser journeys required.");
                default:
                    if (!present) {
                        System.err.println(
                                "NOTE: " + CHROMIUM
                                        + " is missing, so the browser journeys are skipped. Install it with: apt-get install -y chromium");
                        return ConditionEvaluationResult.disabled("No " + CHROMIUM + " on this machine.");
                    }
                    return ConditionEvaluationResult.enabled("Chromium present.");
            }
        }
    }
}
