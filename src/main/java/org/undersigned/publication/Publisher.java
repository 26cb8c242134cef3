package org.undersigned.publication;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.letter.LetterState;
import org.undersigned.letter.PublishingLetters;
import org.undersigned.signing.LockedList;
import org.undersigned.signing.SignatureLists;

/**
 * The publish step, in the caller's one transaction: renders the page, the PDF, the plain text
 * and the signed manifest, stores them, marks the request published, queues the mails to the
 * signers and the drafting team, and moves the letter to {@code PUBLISHED} with its audit row
 * last. Any failure on the way rolls all of it back: the files appear together or not at all.
 */
@Component
class Publisher {

    private final PublishingLetters letters;
    private final SignatureLists lists;
    private final PublicationRequestRepository requests;
    private final PublicationRenderer renderer;
    private final PublicationMails mails;

    Publisher(
            PublishingLetters letters,
            SignatureLists lists,
            PublicationRequestRepository requests,
            PublicationRenderer renderer,
            PublicationMails mails) {
        this.letters = letters;
        this.lists = lists;
        this.requests = requests;
        this.renderer = renderer;
        this.mails = mails;
    }

    /**
     * Publishes the letter of an approved request.
     *
     * @param systemActor the audit actor when no one is signed in (the embargo job), else null
     * @return the slug
     */
    @Transactional(propagation = Propagation.MANDATORY)
    String publish(PublicationRequest request, Instant at, @Nullable String systemActor) {
        UUID letterId = request.letterId();
        LetterState state = letters.lockRow(letterId);
        if (state != LetterState.IN_REVIEW) {
            throw new RefusedException(
                    "The letter is “" + state.label() + "”: only a letter in review can be published.");
        }
        var letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        LockedList list = lists.locked(letterId)
                .orElseThrow(() -> new RefusedException("The letter has no locked list of signatures."));
        if (!list.hashMatches()) {
            throw new IllegalStateException("The stored list of letter " + letterId + " does not match its hash.");
        }
        if (!list.listSha256().equals(request.listSha256())) {
            throw new RefusedException(
                    "The list of signatures changed after publication was requested: the team must request it again.");
        }
        var revision = letters.revision(letterId, list.revision());
        String slug = Slugs.of(letter.title(), requests::slugTaken);
        Artefacts files = renderer.render(new PublicationRenderer.Source(letter, revision, list, slug, at));
        requests.insertPublication(letterId, slug, letter.title(), letter.language(), at, files);
        requests.markPublished(request.id(), at);
        String url = renderer.url(slug);
        lists.mailPublished(letterId, url);
        letters.editors(letterId).forEach(member -> mails.published(member, letter, url));
        var details = new LinkedHashMap<String, Object>();
        details.put("request", request.id());
        details.put("slug", slug);
        details.put("revision", list.revision());
        details.put("textSha256", list.textSha256());
        details.put("listSha256", list.listSha256());
        details.put("signatures", list.signatures().size());
        letters.publish(letterId, at, systemActor, details);
        return slug;
    }
}
