package org.undersigned.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.Names;

/** SQL for organisations, their domains and memberships. */
@Repository
class OrganisationRepository {

    private final JdbcClient jdbc;

    OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(
            UUID id,
            String name,
            String country,
            @Nullable String website,
            @Nullable Instant verifiedAt,
            Instant createdAt) {}

    Optional<Organisation> find(UUID id) {
        return jdbc.sql("SELECT id, name, country, website, verified_at, created_at FROM organisation WHERE id = :id")
                .param("id", id)
                .query(Row.class)
                .optional()
                .map(r -> new Organisation(
                        r.id(), r.name(), r.country(), r.website(), domains(r.id()), r.verifiedAt(), r.createdAt()));
    }

    List<String> domains(UUID organisationId) {
        return jdbc.sql("SELECT domain FROM organisation_domain WHERE organisation_id = :id ORDER BY domain")
                .param("id", organisationId)
                .query(String.class)
                .list();
    }

    boolean nameTaken(String nameKey) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM organisation WHERE name_key = :key)")
                .param("key", nameKey)
                .query(Boolean.class)
                .single();
    }

    /** Whether a registered organisation's name looks like one with these skeletons (base/Names). */
    boolean lookAlikeTaken(String skeleton, String casedSkeleton) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM organisation
                                        WHERE name_skeleton = :skeleton OR name_skeleton_cased = :cased)""")
                .param("skeleton", skeleton)
                .param("cased", casedSkeleton)
                .query(Boolean.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(
            UUID id,
            String name,
            String nameKey,
            String country,
            @Nullable String website,
            List<String> domains,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO organisation (id, name, name_key, name_skeleton, name_skeleton_cased,
                                                  country, website, created_at)
                        VALUES (:id, :name, :key, :skeleton, :cased, :country, :website, :now)""")
                .param("id", id)
                .param("name", name)
                .param("key", nameKey)
                .param("skeleton", Names.skeleton(name))
                .param("cased", Names.casedSkeleton(name))
                .param("country", country)
                .param("website", website)
                .param("now", AccountRepository.ts(now))
                .update();
        for (String domain : domains) {
            jdbc.sql("INSERT INTO organisation_domain (organisation_id, domain) VALUES (:id, :domain)")
                    .param("id", id)
                    .param("domain", domain)
                    .update();
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void addMember(UUID organisationId, UUID accountId, Role role, Instant now) {
        jdbc.sql("""
                        INSERT INTO membership (organisation_id, account_id, role, created_at)
                        VALUES (:org, :account, :role, :now)
                        ON CONFLICT (organisation_id, account_id) DO NOTHING""")
                .param("org", organisationId)
                .param("account", accountId)
                .param("role", role.name())
                .param("now", AccountRepository.ts(now))
                .update();
    }

    Optional<Role> roleOf(UUID organisationId, UUID accountId) {
        return jdbc.sql("SELECT role FROM membership WHERE organisation_id = :org AND account_id = :account")
                .param("org", organisationId)
                .param("account", accountId)
                .query(Role.class)
                .optional();
    }

    /** Locks the organisation's memberships so that "is this the last owner?" stays true until commit. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Member> lockMembers(UUID organisationId) {
        jdbc.sql("SELECT 1 FROM organisation WHERE id = :org FOR UPDATE")
                .param("org", organisationId)
                .query()
                .listOfRows();
        return members(organisationId);
    }

    List<Member> members(UUID organisationId) {
        return jdbc.sql("""
                        SELECT a.id AS account_id, a.display_name, a.email, m.role, m.created_at AS since
                          FROM membership m JOIN account a ON a.id = m.account_id
                         WHERE m.organisation_id = :org
                         ORDER BY m.role DESC, a.display_name""").param("org", organisationId).query(Member.class).list();
    }

    List<Membership> membershipsOf(UUID accountId) {
        return jdbc.sql("""
                        SELECT o.id AS organisation_id, o.name AS organisation_name, m.role,
                               (o.verified_at IS NOT NULL) AS organisation_verified
                          FROM membership m JOIN organisation o ON o.id = m.organisation_id
                         WHERE m.account_id = :account
                         ORDER BY o.name""").param("account", accountId).query(Membership.class).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int removeMember(UUID organisationId, UUID accountId) {
        return jdbc.sql("DELETE FROM membership WHERE organisation_id = :org AND account_id = :account")
                .param("org", organisationId)
                .param("account", accountId)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int setRole(UUID organisationId, UUID accountId, Role role) {
        return jdbc.sql("UPDATE membership SET role = :role WHERE organisation_id = :org AND account_id = :account")
                .param("role", role.name())
                .param("org", organisationId)
                .param("account", accountId)
                .update();
    }

    List<OrganisationSummary> summaries() {
        return jdbc.sql("""
                        SELECT o.id, o.name, o.country, o.website,
                               COALESCE((SELECT string_agg(d.domain, ', ' ORDER BY d.domain) FROM organisation_domain d WHERE d.organisation_id = o.id), '') AS domains,
                               (SELECT count(*) FROM membership m WHERE m.organisation_id = o.id) AS members,
                               o.verified_at, o.created_at
                          FROM organisation o
                         ORDER BY o.name
                         LIMIT 5000""").query(OrganisationSummary.class).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int setVerified(UUID organisationId, @Nullable UUID by, @Nullable Instant at) {
        return jdbc.sql("UPDATE organisation SET verified_at = :at, verified_by = :by WHERE id = :id")
                .param("at", AccountRepository.ts(at))
                .param("by", by)
                .param("id", organisationId)
                .update();
    }
}
