package org.undersigned;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * One security-context strategy for every test context in the run. Vaadin makes a strategy bean
 * per application context and installs it as the global one when the context starts; with
 * several cached contexts in one JVM, a test would write its sign-in into the newest context's
 * strategy while an older context's method security reads its own. {@link Initializer}, listed in
 * the test resources' {@code META-INF/spring.factories}, registers this one instance in every
 * application context the tests start (so Vaadin makes none), and this listener puts it back as
 * the global strategy before each test.
 */
public final class SharedSecurityContext implements TestExecutionListener {

    static final SecurityContextHolderStrategy STRATEGY = new VaadinAwareSecurityContextHolderStrategy();

    /** Registers the shared strategy in every application context started during the tests. */
    public static final class Initializer
            implements org.springframework.context.ApplicationContextInitializer<
                    org.springframework.context.ConfigurableApplicationContext> {
        @Override
        public void initialize(org.springframework.context.ConfigurableApplicationContext context) {
            context.getBeanFactory().registerSingleton("sharedSecurityContextHolderStrategy", STRATEGY);
        }
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        SecurityContextHolder.setContextHolderStrategy(STRATEGY);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        SecurityContextHolder.setContextHolderStrategy(STRATEGY);
    }
}
