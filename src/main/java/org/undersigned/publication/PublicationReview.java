package org.undersigned.publication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Text;
import org.undersigned.letter.LetterState;
import org.undersigned.letter.PublishingLetters;
import org.undersigned.letter.PublishingLetters.PublishableLetter;
import org.undersigned.signing.LockedList;
import org.undersigned.signing.SignatureLists;

/**
 * Asking for publication and deciding on it, with four eyes enforced here, not only in the views
 * (docs/decisions/0030-publication-review.md): an editor of a letter whose list is locked asks;
 * an administrator who confirmed their second factor in this session, who did not ask, does not
 * draft the letter and shares no organisation with the person who asked or with the requesting
 * organisation, approves (at once, or for a later time) or rejects with a note. Two approvals at
 * once publish once: the request row is locked and must still be undecided.
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class PublicationReview {

    private static final Logger log = LoggerFactory.getLogger(PublicationReview.class);
    /** The longest embargo accepted. */
    static final Duration MAX_EMBARGO = Duration.ofDays(366);

    /** What the drafting team sees of the way to publication. */
    public record TeamStatus(
            PublishableLetter letter,
            @Nullable LockedList list,
            @Nullable PublicationRequest latest,
            boolean canRequest,
            @Nullable String publicUrl) {}

    /** A letter waiting for an administrator. */
    public record Waiting(PublicationRequest request, String title, String language, int signatures) {}

    /**
     * Everything an administrator reviews.
     *
     * @param page the public page as it would be published (without its publication details)
     * @param refusal why this administrator may not decide (four eyes), or null when they may
     */
    public record Review(
            PublishableLetter letter,
            PublicationRequest request,
            LockedList list,
            String page,
            @Nullable String refusal) {}

    private final PublishingLetters letters;
    private final SignatureLists lists;
    private final PublicationRequestRepository requests;
    private final Publisher publisher;
    private final PublicationRenderer renderer;
    private final PublicationMails mails;
    private final AuditLog audit;
    private final Clock clock;

    PublicationReview(
            PublishingLetters letters,
            SignatureLists lists,
            PublicationRequestRepository requests,
            Publisher publisher,
            PublicationRenderer renderer,
            PublicationMails mails,
            AuditLog audit,
            Clock clock) {
        this.letters = letters;
        this.lists = lists;
        this.requests = requests;
        this.publisher = publisher;
        this.renderer = renderer;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    // --- the drafting team ---

    /** The way to publication as the team sees it; strangers get {@link NotFoundException}. */
    @Transactional(readOnly = true)
    public TeamStatus status(UUID letterId) {
        SignedInUser me = CurrentUser.require();
        PublishableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        if (!letters.drafts(letterId, me.accountId()) && !CurrentUser.isAdmin()) {
            throw new NotFoundException();
        }
        LockedList list = lists.locked(letterId).orElse(null);
        var latest = requests.latest(letterId).orElse(null);
        boolean canRequest = letter.state() == LetterState.LOCKED
                && list != null
                && !list.signatures().isEmpty()
                && letters.edits(letterId, me.accountId());
        String url = letter.state() == LetterState.PUBLISHED
                ? requests.slugOf(letterId).map(renderer::url).orElse(null)
                : null;
        return new TeamStatus(letter, list, latest, canRequest, url);
    }

    /** {@code LOCKED → IN_REVIEW}: an editor asks for publication of the list as it is locked now. */
    @Transactional
    public void request(UUID letterId) {
        SignedInUser me = CurrentUser.require();
        PublishableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        if (!letters.drafts(letterId, me.accountId())) {
            throw new NotFoundException();
        }
        if (!letters.edits(letterId, me.accountId())) {
            throw new RefusedException("Only the letter's editors can request its publication.");
        }
        LetterState state = letters.lockRow(letterId);
        if (state != LetterState.LOCKED) {
            throw new RefusedException(
                    state == LetterState.IN_REVIEW
                            ? "Publication has already been requested; an administrator will review it."
                            : "The letter is “" + state.label()
                                    + "”: lock the list of signatures before you request publication.");
        }
        LockedList list = lists.locked(letterId)
                .orElseThrow(() -> new RefusedException("Lock the list of signatures before you request publication."));
        if (list.signatures().isEmpty()) {
            throw new RefusedException("The locked list has no signatures: there is nothing to publish.");
        }
        UUID requestId = UUID.randomUUID();
        Instant at = letters.requestReview(
                letterId,
                Map.of(
                        "request", requestId,
                        "listSha256", list.listSha256(),
                        "signatures", list.signatures().size()));
        requests.insert(requestId, letterId, me.accountId(), letter.publisherOrganisationId(), at, list.listSha256());
    }

    // --- administrators ---

    @Transactional(readOnly = true)
    @PreAuthorize(AppRoles.HAS_ADMIN)
    public List<Waiting> queue() {
        return requests.undecided().stream()
                .map(r -> {
                    var letter = letters.find(r.letterId()).orElseThrow(NotFoundException::new);
                    int count = lists.locked(r.letterId())
                            .map(l -> l.signatures().size())
                            .orElse(0);
                    return new Waiting(r, letter.title(), letter.language(), count);
                })
                .toList();
    }

    /** Approved for a later time and not yet published. */
    @Transactional(readOnly = true)
    @PreAuthorize(AppRoles.HAS_ADMIN)
    public List<Waiting> embargoed() {
        return requests.embargoed().stream()
                .map(r -> {
                    var letter = letters.find(r.letterId()).orElseThrow(NotFoundException::new);
                    int count = lists.locked(r.letterId())
                            .map(l -> l.signatures().size())
                            .orElse(0);
                    return new Waiting(r, letter.title(), letter.language(), count);
                })
                .toList();
    }

    /** The number of letters waiting, for administrators only (0 for anyone else). */
    @PreAuthorize("permitAll()")
    @Transactional(readOnly = true)
    public int waitingCount() {
        return CurrentUser.isAdmin() ? requests.countUndecided() : 0;
    }

    @Transactional(readOnly = true)
    @PreAuthorize(AppRoles.HAS_ADMIN)
    public Review review(UUID letterId) {
        PublishableLetter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        PublicationRequest request = requests.latest(letterId)
                .filter(r -> r.waiting() || r.embargoed())
                .orElseThrow(NotFoundException::new);
        LockedList list = lists.locked(letterId).orElseThrow(NotFoundException::new);
        var revision = letters.revision(letterId, list.revision());
        String page = renderer.reviewPage(letter, revision, list);
        return new Review(letter, request, list, page, refusal(request, CurrentUser.require()));
    }

    /**
     * Approves the waiting request: publishes at once, or with {@code publishAt} in the future
     * records the approval and leaves the publishing to the scheduled job at that time.
     *
     * @return the slug when published now, or empty when approved for later
     */
    @Transactional
    @PreAuthorize(AppRoles.HAS_ADMIN)
    public Optional<String> approve(UUID letterId, @Nullable Instant publishAt) {
        SignedInUser me = requireSecondFactor();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (publishAt != null && (!publishAt.isAfter(now) || publishAt.isAfter(now.plus(MAX_EMBARGO)))) {
            throw new InvalidInputException(
                    "publishAt", "Choose a time in the future (within a year), or approve for publication now.");
        }
        PublicationRequest request = undecided(letterId);
        checkFourEyes(request, me);
        requests.decide(request.id(), "APPROVED", me.accountId(), now, null, publishAt);
        if (publishAt != null) {
            var letter = letters.find(letterId).orElseThrow(NotFoundException::new);
            String when = PublicationRenderer.DAY.format(publishAt) + " at "
                    + java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(publishAt);
            letters.editors(letterId).forEach(m -> mails.approvedForLater(m, letter, when));
            audit.append(
                    "PUBLICATION_APPROVED",
                    "publication_request",
                    request.id(),
                    letterId,
                    Map.of("publishAt", PublicationRenderer.TIME.format(publishAt)));
            return Optional.empty();
        }
        return Optional.of(publishNow(request, now, null));
    }

    /** {@code IN_REVIEW → LOCKED} with a note the team reads. */
    @Transactional
    @PreAuthorize(AppRoles.HAS_ADMIN)
    public void reject(UUID letterId, String note) {
        SignedInUser me = requireSecondFactor();
        String text = Text.paragraph("note", "The note", note, 4000);
        if (text.isEmpty()) {
            throw new InvalidInputException("note", "Say in a note what the team should change.");
        }
        PublicationRequest request = undecided(letterId);
        checkFourEyes(request, me);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        requests.decide(request.id(), "REJECTED", me.accountId(), now, text, null);
        var letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        letters.editors(letterId).forEach(m -> mails.rejected(m, letter, text));
        letters.returnToLocked(letterId, Map.of("request", request.id()));
    }

    /** Why this person may not decide on the request (four eyes), or null when they may. */
    @Nullable
    String refusal(PublicationRequest request, SignedInUser me) {
        if (!CurrentUser.isAdmin()) {
            return "Only an administrator who has confirmed their second factor in this session can decide.";
        }
        if (request.requestedBy().equals(me.accountId())) {
            return "You asked for this publication: another administrator must decide (four eyes).";
        }
        if (letters.drafts(request.letterId(), me.accountId())) {
            return "You are one of the letter's drafters: an administrator outside its drafting team must decide (four eyes).";
        }
        if (requests.memberOf(me.accountId(), request.requestingOrganisationId())) {
            return "You are a member of " + request.requestingOrganisationName()
                    + ", which asked for this publication: another administrator must decide (four eyes).";
        }
        if (requests.shareAnOrganisation(me.accountId(), request.requestedBy())) {
            return "You belong to an organisation of the person who asked for this publication: another administrator must decide (four eyes).";
        }
        return null;
    }

    private void checkFourEyes(PublicationRequest request, SignedInUser me) {
        String refusal = refusal(request, me);
        if (refusal != null) {
            throw new RefusedException(refusal);
        }
    }

    private SignedInUser requireSecondFactor() {
        SignedInUser me = CurrentUser.require();
        if (!CurrentUser.isAdmin()) {
            throw new RefusedException(
                    "Only an administrator who has confirmed their second factor in this session can decide.");
        }
        return me;
    }

    /** Locks the letter row, then the waiting request's row (always in this order). */
    private PublicationRequest undecided(UUID letterId) {
        letters.find(letterId).orElseThrow(NotFoundException::new);
        LetterState state = letters.lockRow(letterId);
        PublicationRequest request = requests.lockUndecided(letterId)
                .orElseThrow(() -> new RefusedException(
                        state == LetterState.PUBLISHED
                                ? "The letter is already published."
                                : "Nothing waits for a decision on this letter: someone else may just have decided."));
        if (state != LetterState.IN_REVIEW) {
            throw new RefusedException(
                    "The letter is “" + state.label() + "”: only a letter in review can be decided on.");
        }
        return request;
    }

    private String publishNow(PublicationRequest request, Instant now, @Nullable String systemActor) {
        try {
            return publisher.publish(request, now, systemActor);
        } catch (RefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Publishing letter {} failed; nothing was published", request.letterId(), e);
            throw new RefusedException(
                    "Publishing failed and nothing was published: the letter is still in review. Try again, or tell the platform's operators.");
        }
    }
}
