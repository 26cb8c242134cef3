package org.undersigned.publication;

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

/** SQL for requests to publish, their decisions, and the stored publications. */
@Repository
class PublicationRequestRepository {

    private static final String COLUMNS = """
            r.id, r.letter_id, r.requested_by, a.display_name AS requested_by_name, r.requesting_organisation_id,
            o.name AS requesting_organisation_name, r.requested_at, r.list_sha256, r.decision, r.decided_by,
            d.display_name AS decided_by_name, r.decided_at, r.note, r.publish_at, r.published_at""";

    private static final String FROM = " " + """
              FROM publication_request r
              JOIN account a ON a.id = r.requested_by
              JOIN organisation o ON o.id = r.requesting_organisation_id
              LEFT JOIN account d ON d.id = r.decided_by""";

    private final JdbcClient jdbc;

    PublicationRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insert(UUID id, UUID letterId, UUID requestedBy, UUID organisationId, Instant at, String listSha256) {
        jdbc.sql("""
                        INSERT INTO publication_request (id, letter_id, requested_by, requesting_organisation_id, requested_at, list_sha256)
                        VALUES (:id, :letter, :by, :org, :at, :hash)""")
                .param("id", id)
                .param("letter", letterId)
                .param("by", requestedBy)
                .param("org", organisationId)
                .param("at", Timestamp.from(at))
                .param("hash", listSha256)
                .update();
    }

    /** The newest request for the letter, decided or not. */
    Optional<PublicationRequest> latest(UUID letterId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM
                        + " WHERE r.letter_id = :letter ORDER BY r.requested_at DESC LIMIT 1")
                .param("letter", letterId)
                .query(PublicationRequest.class)
                .optional();
    }

    /**
     * The undecided request for the letter, its row locked for the rest of the transaction. A
     * second approver waiting on the lock sees it decided once the first commits, and gets nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<PublicationRequest> lockUndecided(UUID letterId) {
        Optional<UUID> id = jdbc.sql(
                        "SELECT id FROM publication_request WHERE letter_id = :letter AND decision IS NULL FOR UPDATE")
                .param("letter", letterId)
                .query(UUID.class)
                .optional();
        return id.flatMap(this::byId);
    }

    /** A request approved for later whose time has come, skipping rows another runner holds. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<PublicationRequest> lockNextDue(Instant now, List<UUID> skip) {
        Optional<UUID> id = jdbc.sql("""
                        SELECT id FROM publication_request
                         WHERE decision = 'APPROVED' AND published_at IS NULL AND publish_at <= :now
                           AND NOT (id::text = ANY (string_to_array(:skip, ',')))
                         ORDER BY publish_at
                         LIMIT 1
                           FOR UPDATE SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .param(
                        "skip",
                        String.join(",", skip.stream().map(UUID::toString).toList()))
                .query(UUID.class)
                .optional();
        return id.flatMap(this::byId);
    }

    Optional<PublicationRequest> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE r.id = :id")
                .param("id", id)
                .query(PublicationRequest.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void decide(UUID id, String decision, UUID by, Instant at, @Nullable String note, @Nullable Instant publishAt) {
        jdbc.sql("""
                        UPDATE publication_request
                           SET decision = :decision, decided_by = :by, decided_at = :at, note = :note, publish_at = :publishAt
                         WHERE id = :id AND decision IS NULL""")
                .param("id", id)
                .param("decision", decision)
                .param("by", by)
                .param("at", Timestamp.from(at))
                .param("note", note)
                .param("publishAt", publishAt == null ? null : Timestamp.from(publishAt))
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void markPublished(UUID id, Instant at) {
        jdbc.sql("UPDATE publication_request SET published_at = :at WHERE id = :id")
                .param("id", id)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Requests waiting for an administrator, oldest first. */
    List<PublicationRequest> undecided() {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE r.decision IS NULL ORDER BY r.requested_at LIMIT 500")
                .query(PublicationRequest.class)
                .list();
    }

    /** Approved for a later time, not yet published. */
    List<PublicationRequest> embargoed() {
        return jdbc.sql("SELECT " + COLUMNS + FROM
                        + " WHERE r.decision = 'APPROVED' AND r.published_at IS NULL ORDER BY r.publish_at LIMIT 500")
                .query(PublicationRequest.class)
                .list();
    }

    int countUndecided() {
        return jdbc.sql("SELECT count(*) FROM publication_request WHERE decision IS NULL")
                .query(Integer.class)
                .single();
    }

    boolean memberOf(UUID accountId, UUID organisationId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM membership WHERE account_id = :a AND organisation_id = :o)")
                .param("a", accountId)
                .param("o", organisationId)
                .query(Boolean.class)
                .single();
    }

    /** Whether two accounts belong to a common organisation (a second account of the same team). */
    boolean shareAnOrganisation(UUID one, UUID other) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM membership m1 JOIN membership m2 ON m2.organisation_id = m1.organisation_id
                                        WHERE m1.account_id = :one AND m2.account_id = :other)""")
                .param("one", one)
                .param("other", other)
                .query(Boolean.class)
                .single();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM publication WHERE slug = :slug)")
                .param("slug", slug)
                .query(Boolean.class)
                .single();
    }

    Optional<String> slugOf(UUID letterId) {
        return jdbc.sql("SELECT slug FROM publication WHERE letter_id = :letter")
                .param("letter", letterId)
                .query(String.class)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void insertPublication(UUID letterId, String slug, String title, String language, Instant at, Artefacts files) {
        jdbc.sql("""
                        INSERT INTO publication (letter_id, slug, title, language, published_at, page_html, pdf, plain_text, manifest_json)
                        VALUES (:letter, :slug, :title, :language, :at, :page, :pdf, :text, :manifest)""")
                .param("letter", letterId)
                .param("slug", slug)
                .param("title", title)
                .param("language", language)
                .param("at", Timestamp.from(at))
                .param("page", files.page())
                .param("pdf", files.pdf())
                .param("text", files.text())
                .param("manifest", files.manifest())
                .update();
    }
}
