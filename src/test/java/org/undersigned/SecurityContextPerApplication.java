package org.undersigned;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test method, points Spring Security's static {@link SecurityContextHolder} at the
 * strategy bean of the test's own application context.
 *
 * <p>Vaadin defines a {@code SecurityContextHolderStrategy} bean per application context and makes
 * it the static one when the context starts. The test run holds several contexts (the mock web
 * one of {@link IntegrationTest}, the servlet container of {@link WebIntegrationTest}); after the
 * second one starts, code reading the static holder ({@code CurrentUser}, {@link
 * Fixtures#actAs}) and the first context's method security, which uses its own bean, would look
 * at different thread-locals. In the application there is one context, so the two are the same.
 */
public class SecurityContextPerApplication implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        SecurityContextHolderStrategy strategy = testContext
                .getApplicationContext()
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable();
        if (strategy != null) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
        SecurityContextHolder.clearContext();
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        SecurityContextHolder.clearContext();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
