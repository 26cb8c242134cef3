package org.undersigned.letter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.undersigned.Fixtures;

/** Creates organisations and people straight in the database, for letter tests. */
record People(JdbcClient jdbc) {

    record Person(UUID id, String email, String name) {
        void actAs() {
            Fixtures.actAs(id, email, false, false);
        }
    }

    UUID organisation(String name) {
        UUID id = UUID.randomUUID();
        String unique = Fixtures.unique(name);
        jdbc.sql("INSERT INTO organisation (id, name, name_key, country, created_at) VALUES (?, ?, ?, 'AZ', ?)")
                .params(id, unique, unique.toLowerCase(), Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    Person person(String name) {
        UUID id = UUID.randomUUID();
        String email = Fixtures.uniqueEmail();
        jdbc.sql("""
                        INSERT INTO account (id, email, display_name, email_verified_at, created_at)
                        VALUES (?, ?, ?, now(), now())""").params(id, email, name).update();
        return new Person(id, email, name);
    }

    Person member(UUID organisation, String name) {
        Person p = person(name);
        jdbc.sql(
                        "INSERT INTO membership (organisation_id, account_id, role, created_at) VALUES (?, ?, 'MEMBER', now())")
                .params(organisation, p.id())
                .update();
        return p;
    }

    Person administrator(String name) {
        Person p = person(name);
        jdbc.sql("UPDATE account SET is_admin = true WHERE id = ?")
                .params(p.id())
                .update();
        return p;
    }
}
