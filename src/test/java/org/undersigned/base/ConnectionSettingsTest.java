package org.undersigned.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.IntegrationTest;
import org.undersigned.TestDatabase;

/**
 * The app's connections plan every statement once and reuse the plan (decision 0073), both on a
 * configured database and on the embedded default, whose data source is built by hand.
 */
@IntegrationTest
class ConnectionSettingsTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.hikari.data-source-properties.options}")
    String options;

    @Test
    void aConfiguredDatabaseUsesGenericPlans() {
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single())
                .isEqualTo("force_generic_plan");
    }

    @Test
    void theEmbeddedDefaultUsesGenericPlans() throws Exception {
        try (var ds =
                (HikariDataSource) new EmbeddedDatabaseConfiguration().dataSource(TestDatabase.server(), options)) {
            assertThat(JdbcClient.create(ds)
                            .sql("SHOW plan_cache_mode")
                            .query(String.class)
                            .single())
                    .isEqualTo("force_generic_plan");
        }
    }
}
