package org.undersigned.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a browser journey. The system property {@code browser.tests} decides: {@code skip}
 * skips it, {@code auto} (the default) runs it when {@code /usr/bin/chromium} exists and skips
 * it with a message otherwise, {@code required} fails it when Chromium is missing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserTests.Condition.class)
public @interface BrowserTests {

    Path CHROMIUM = Path.of("/usr/bin/chromium");

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String mode = System.getProperty("browser.tests", "auto");
            boolean present = Files.isExecutable(CHROMIUM);
            if (mode.equals("skip")) {
                return ConditionEvaluationResult.disabled("Browser journeys skipped (-Dbrowser.tests=skip).");
            }
            if (!present && mode.equals("required")) {
                throw new IllegalStateException(
                        "-Dbrowser.tests=required but " + CHROMIUM + " is missing: apt-get install -y chromium");
            }
            if (!present) {
                String why = "Browser journeys skipped: " + CHROMIUM + " not found (install chromium, or run with"
                        + " -Dbrowser.tests=required to make this an error).";
                System.out.println(why);
                return ConditionEvaluationResult.disabled(why);
            }
            return ConditionEvaluationResult.enabled("Chromium found at " + CHROMIUM);
        }
    }
}
