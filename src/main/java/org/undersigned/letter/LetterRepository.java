package org.undersigned.letter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for letters and their drafting parties. */
@Repository
class LetterRepository {

    private static final String LETTER_COLUMNS = """
            l.id, l.title, l.language, l.publisher_organisation_id, o.name AS publisher_name, l.state,
            l.revision_count AS revision, l.created_at, l.updated_at, u.display_name AS updated_by_name,
            l.opened_at, l.locked_at, l.review_requested_at, l.published_at, l.withdrawn_at""";

    private final JdbcClient jdbc;

    LetterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    Optional<Letter> find(UUID id) {
        return jdbc.sql("SELECT " + LETTER_COLUMNS + """
                          FROM letter l
                          JOIN organisation o ON o.id = l.publisher_organisation_id
                          JOIN account u ON u.id = l.updated_by
                         WHERE l.id = :id""")
                .param("id", id)
                .query(Letter.class)
                .optional();
    }

    /** The strongest drafting role the person has on the letter, through an organisation or in person. */
    Optional<DraftingRole> roleOf(UUID letterId, UUID accountId) {
        return jdbc.sql("""
                        SELECT p.role FROM drafting_party p
                         WHERE p.letter_id = :letter
                           AND (p.account_id = :account
                                OR p.organisation_id IN (SELECT organisation_id FROM membership WHERE account_id = :account))
                         ORDER BY CASE p.role WHEN 'EDITOR' THEN 0 ELSE 1 END
                         LIMIT 1""")
                .param("letter", letterId)
                .param("account", accountId)
                .query(DraftingRole.class)
                .optional();
    }

    private record SummaryRow(
            UUID id,
            String title,
            LetterState state,
            String publisherName,
            Instant updatedAt,
            String updatedByName,
            @Nullable DraftingRole role) {}

    /** The letters the person drafts; with {@code all}, every letter (administrators). */
    List<LetterSummary> summaries(UUID accountId, boolean all) {
        return jdbc.sql("""
                        SELECT l.id, l.title, l.state, o.name AS publisher_name, l.updated_at,
                               u.display_name AS updated_by_name,
                               (SELECT p.role FROM drafting_party p
                                 WHERE p.letter_id = l.id
                                   AND (p.account_id = :account OR p.organisation_id IN
                                        (SELECT organisation_id FROM membership WHERE account_id = :account))
                                 ORDER BY CASE p.role WHEN 'EDITOR' THEN 0 ELSE 1 END LIMIT 1) AS role
                          FROM letter l
                          JOIN organisation o ON o.id = l.publisher_organisation_id
                          JOIN account u ON u.id = l.updated_by
                         ORDER BY l.updated_at DESC
                         LIMIT 2000""").param("account", accountId).query(SummaryRow.class).list().stream()
                .filter(r -> all || r.role() != null)
                .map(r -> new LetterSummary(
                        r.id(),
                        r.title(),
                        r.state(),
                        r.publisherName(),
                        r.updatedAt(),
                        r.updatedByName(),
                        r.role() == null ? LetterAccess.READ : LetterAccess.of(r.role())))
                .toList();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(UUID id, String title, String language, UUID publisher, UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO letter (id, title, language, publisher_organisation_id, created_by, created_at, updated_by, updated_at)
                        VALUES (:id, :title, :language, :publisher, :by, :now, :by, :now)""")
                .param("id", id)
                .param("title", title)
                .param("language", language)
                .param("publisher", publisher)
                .param("by", by)
                .param("now", ts(now))
                .update();
    }

    /**
     * Locks the letter row for the rest of the transaction (every change to a letter's text
     * takes this lock first, so they never deadlock) and returns its state.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<LetterState> lock(UUID letterId) {
        return jdbc.sql("SELECT state FROM letter WHERE id = :id FOR UPDATE")
                .param("id", letterId)
                .query(LetterState.class)
                .optional();
    }

    /** Starts the next revision: bumps the letter's revision number and records who and when. */
    @Transactional(propagation = Propagation.MANDATORY)
    int nextRevision(UUID letterId, UUID by, Instant now) {
        return jdbc.sql("""
                        UPDATE letter SET revision_count = revision_count + 1, updated_by = :by, updated_at = :now
                         WHERE id = :id
                        RETURNING revision_count""")
                .param("id", letterId)
                .param("by", by)
                .param("now", ts(now))
                .query(Integer.class)
                .single();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void updateDetails(UUID letterId, String title, String language, UUID publisher) {
        jdbc.sql("UPDATE letter SET title = :title, language = :language, publisher_organisation_id = :publisher"
                        + " WHERE id = :id")
                .param("id", letterId)
                .param("title", title)
                .param("language", language)
                .param("publisher", publisher)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void setTitle(UUID letterId, String title) {
        jdbc.sql("UPDATE letter SET title = :title WHERE id = :id")
                .param("id", letterId)
                .param("title", title)
                .update();
    }

    List<DraftingParty> parties(UUID letterId) {
        return jdbc.sql("""
                        SELECT p.id, p.organisation_id, p.account_id, COALESCE(o.name, a.display_name) AS name, p.role,
                               (p.organisation_id IS NOT DISTINCT FROM l.publisher_organisation_id) AS publisher
                          FROM drafting_party p
                          JOIN letter l ON l.id = p.letter_id
                          LEFT JOIN organisation o ON o.id = p.organisation_id
                          LEFT JOIN account a ON a.id = p.account_id
                         WHERE p.letter_id = :letter
                         ORDER BY publisher DESC, p.added_at""")
                .param("letter", letterId)
                .query(DraftingParty.class)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    boolean addParty(
            UUID letterId,
            @Nullable UUID organisationId,
            @Nullable UUID accountId,
            DraftingRole role,
            UUID by,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO drafting_party (id, letter_id, organisation_id, account_id, role, added_by, added_at)
                        VALUES (:id, :letter, :org, :account, :role, :by, :now)
                        ON CONFLICT DO NOTHING""")
                        .param("id", UUID.randomUUID())
                        .param("letter", letterId)
                        .param("org", organisationId)
                        .param("account", accountId)
                        .param("role", role.name())
                        .param("by", by)
                        .param("now", ts(now))
                        .update()
                == 1;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    int removeParty(UUID letterId, UUID partyId) {
        return jdbc.sql("""
                        DELETE FROM drafting_party p USING letter l
                         WHERE p.id = :party AND p.letter_id = :letter AND l.id = p.letter_id
                           AND p.organisation_id IS DISTINCT FROM l.publisher_organisation_id""").param("party", partyId).param("letter", letterId).update();
    }

    record Named(UUID id, String name) {}

    /** Organisations whose name starts with (or contains) the query, to invite as co-drafters. */
    List<Named> findOrganisations(String query) {
        return jdbc.sql("""
                        SELECT id, name FROM organisation
                         WHERE name_key LIKE :prefix ESCAPE '\\' OR name_key LIKE :contains ESCAPE '\\'
                         ORDER BY (name_key LIKE :prefix ESCAPE '\\') DESC, name
                         LIMIT 10""")
                .param("prefix", like(query) + "%")
                .param("contains", "%" + like(query) + "%")
                .query(Named.class)
                .list();
    }

    Optional<String> emailOf(UUID accountId) {
        return jdbc.sql("SELECT email FROM account WHERE id = :id AND disabled_at IS NULL")
                .param("id", accountId)
                .query(String.class)
                .optional();
    }

    Optional<String> displayNameOf(UUID accountId) {
        return jdbc.sql("SELECT display_name FROM account WHERE id = :id")
                .param("id", accountId)
                .query(String.class)
                .optional();
    }

    /** Everyone who drafts the letter (members of drafting organisations and single people). */
    List<Named> drafters(UUID letterId) {
        return jdbc.sql("""
                        SELECT DISTINCT a.id, a.display_name AS name
                          FROM drafting_party p
                          LEFT JOIN membership m ON m.organisation_id = p.organisation_id
                          JOIN account a ON a.id = COALESCE(p.account_id, m.account_id)
                         WHERE p.letter_id = :letter AND a.disabled_at IS NULL
                         ORDER BY name""").param("letter", letterId).query(Named.class).list();
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insertSignatory(UUID letterId, int position, LetterImport.ImportedSignatory s, UUID by, Instant now) {
        jdbc.sql("""
                        INSERT INTO imported_signatory (id, letter_id, position, name, role, organisation, created_by, created_at)
                        VALUES (:id, :letter, :position, :name, :role, :org, :by, :now)""")
                .param("id", UUID.randomUUID())
                .param("letter", letterId)
                .param("position", position)
                .param("name", s.name())
                .param("role", s.role())
                .param("org", s.organisation())
                .param("by", by)
                .param("now", ts(now))
                .update();
    }

    List<LetterImport.ImportedSignatory> importedSignatories(UUID letterId) {
        return jdbc.sql(
                        "SELECT name, role, organisation FROM imported_signatory WHERE letter_id = :letter ORDER BY position")
                .param("letter", letterId)
                .query(LetterImport.ImportedSignatory.class)
                .list();
    }
}
