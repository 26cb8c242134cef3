package org.undersigned.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Flyway applies what the classpath holds, and Maven copies resources without removing the ones
 * deleted from {@code db/migration}. A withdrawn migration left in {@code target/classes} was once
 * applied by every local test and bench run (decision 0075's V0061). The build now empties that
 * folder first; this test tells at once if the two ever differ again.
 */
class MigrationsOnClasspathTest {

    @Test
    void theClasspathHoldsExactlyTheMigrationsOfTheSourceTree() throws IOException {
        String[] onClasspath = Arrays.stream(
                        new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*"))
                .map(Resource::getFilename)
                .sorted()
                .toArray(String[]::new);
        try (Stream<Path> files = Files.list(Path.of("db", "migration"))) {
            String[] inSource =
                    files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
            assertThat(inSource).isNotEmpty();
            assertThat(onClasspath).containsExactly(inSource);
        }
    }
}
