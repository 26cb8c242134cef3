package org.undersigned;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Every application context started in the test JVM (a cached test context, a {@code RunningApp},
 * a second instance) installs its own Vaadin-aware {@link SecurityContextHolderStrategy} as the
 * global one. A test that then acts as someone ({@link Fixtures#actAs}) would write into another
 * context's strategy than the one its services read, and fail depending on test order. Before each
 * test this puts the test's own context's strategy back.
 */
public class SecurityStrategyListener extends AbstractTestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        testContext
                .getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }
}
