package org.undersigned.base;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default: with no {@code spring.datasource.url}, start a real PostgreSQL 17 (Zonky's
 * binaries) on this machine, keep its data in {@code undersigned.embedded-database.directory}
 * (default {@code ./data/postgres}) across restarts, and stop it with the application.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${undersigned.embedded-database.directory:./data/postgres}") String directory,
            @Value("${undersigned.embedded-database.port:0}") int port) {
        Path dir = Path.of(directory).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            log.info(
                    "No SPRING_DATASOURCE_URL set: started the embedded PostgreSQL on port {} with its data in {}",
                    pg.getPort(),
                    dir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(
            EmbeddedPostgres pg,
            @Value("${spring.datasource.hikari.data-source-properties.options:}") String connectionOptions) {
        var ds = new HikariDataSource();
        // The same session settings as a configured data source gets (application.properties).
        if (StringUtils.hasText(connectionOptions)) {
            ds.addDataSourceProperty("options", connectionOptions);
        }
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("embedded");
        ds.setMaximumPoolSize(20);
        return ds;
    }

    /** Matches when no datasource URL is configured. */
    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
