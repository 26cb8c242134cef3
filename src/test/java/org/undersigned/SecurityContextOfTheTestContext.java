package org.undersigned;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Points {@link SecurityContextHolder} at the security context strategy of the application
 * context the test runs in.
 *
 * <p>Vaadin installs a new {@code VaadinAwareSecurityContextHolderStrategy} (with its own thread
 * local) into the static holder whenever an application context starts, and that context's
 * method security keeps reading from it. A test run holds several cached contexts (the shared
 * one, and those on databases of their own); once a later context has started, a test on an
 * earlier one would set its user with {@link Fixtures#actAs} into the later context's strategy,
 * and the services would see nobody. Registered for every Spring test in
 * {@code META-INF/spring.factories}.
 */
public class SecurityContextOfTheTestContext implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext
                .getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .ifUnique(strategy -> {
                    if (SecurityContextHolder.getContextHolderStrategy() != strategy) {
                        SecurityContextHolder.setContextHolderStrategy(strategy);
                    }
                });
    }
}
