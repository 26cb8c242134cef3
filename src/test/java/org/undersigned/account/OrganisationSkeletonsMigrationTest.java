package org.undersigned.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.undersigned.TestDatabase;
import org.undersigned.base.Names;

/**
 * V0056 fills the skeletons of organisations registered before V0055; a pair that already
 * looked alike keeps both names, the older one the skeleton.
 */
class OrganisationSkeletonsMigrationTest {

    @Test
    void existingOrganisationsGetTheirSkeletonsAndAnOldClashStaysVisible() {
        var dataSource = new DriverManagerDataSource(TestDatabase.newDatabase());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new OrganisationSkeletonsMigration())
                .target("0055")
                .load()
                .migrate();
        var jdbc = JdbcClient.create(dataSource);
        UUID older = UUID.randomUUID();
        UUID lookAlike = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        insert(jdbc, older, "Amnesty International", "2020-01-01");
        insert(jdbc, lookAlike, "\u0410mnesty International", "2021-01-01");
        insert(jdbc, other, "ქართული ასოციაცია", "2022-01-01");

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new OrganisationSkeletonsMigration())
                .outOfOrder(true)
                .load()
                .migrate();

        Map<UUID, String> skeletons = jdbc
                .sql("SELECT id, name_skeleton FROM organisation")
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), String.valueOf(rs.getString(2))))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(skeletons.get(older)).isEqualTo(Names.skeleton("Amnesty International"));
        assertThat(skeletons.get(lookAlike)).isEqualTo("null");
        assertThat(skeletons.get(other)).isEqualTo(Names.skeleton("ქართული ასოციაცია"));
        assertThat(jdbc.sql("SELECT name FROM organisation ORDER BY created_at")
                        .query(String.class)
                        .list())
                .as("names are never changed")
                .isEqualTo(List.of("Amnesty International", "\u0410mnesty International", "ქართული ასოციაცია"));
    }

    private static void insert(JdbcClient jdbc, UUID id, String name, String created) {
        jdbc.sql(
                        "INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', ?::timestamptz)")
                .params(id, name, id.toString(), created)
                .update();
    }
}
