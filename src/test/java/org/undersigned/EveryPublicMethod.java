package org.undersigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Calls every public method a service declares, through its Spring proxy, with harmless
 * arguments. A method added later without protection then fails the test that uses this.
 */
public final class EveryPublicMethod {

    private EveryPublicMethod() {}

    /** Runs the rest of the test as an anonymous web visitor (what Spring Security's filter sets). */
    public static void actAsAnonymous() {
        SecurityContextHolder.getContext()
                .setAuthentication(new AnonymousAuthenticationToken(
                        "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    }

    /** Asserts that each public method of {@code type}, called on {@code bean}, throws {@code expected}. */
    public static void refuses(Object bean, Class<?> type, Class<? extends Throwable> expected) {
        List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        assertThat(methods).as("public methods of %s", type.getSimpleName()).isNotEmpty();
        for (Method method : methods) {
            Object[] args = Arrays.stream(method.getParameterTypes())
                    .map(EveryPublicMethod::harmless)
                    .toArray();
            try {
                method.invoke(bean, args);
                fail("%s.%s ran for this caller", type.getSimpleName(), method.getName());
            } catch (InvocationTargetException e) {
                assertThat(e.getCause())
                        .as("%s.%s", type.getSimpleName(), method.getName())
                        .isInstanceOf(expected);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Object harmless(Class<?> type) {
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == int.class) {
            return 10;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == String.class) {
            return "x";
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.now();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("Teach EveryPublicMethod an argument of type " + type);
    }
}
