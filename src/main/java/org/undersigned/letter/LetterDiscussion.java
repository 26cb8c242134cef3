package org.undersigned.letter;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.AppRoles;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Text;
import org.undersigned.mail.MailMessage;
import org.undersigned.mail.MailOutbox;

/**
 * Comments and suggestions on a letter. Commenters and editors write them; only editors accept
 * or reject a suggestion. Mentioning a co-drafter as "@Their Name" mails them a notice through
 * the outbox, in the comment's transaction; the mail carries neither the letter's title nor its
 * text, only a link (a mailbox is easier to read than a draft).
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class LetterDiscussion {

    private final DiscussionRepository discussion;
    private final BlockRepository blocks;
    private final LetterRepository letters;
    private final LetterGuard guard;
    private final Drafting drafting;
    private final LetterService service;
    private final MailOutbox outbox;
    private final Clock clock;
    private final String baseUrl;

    LetterDiscussion(
            DiscussionRepository discussion,
            BlockRepository blocks,
            LetterRepository letters,
            LetterGuard guard,
            Drafting drafting,
            LetterService service,
            MailOutbox outbox,
            Clock clock,
            @Value("${undersigned.base-url}") String baseUrl) {
        this.discussion = discussion;
        this.blocks = blocks;
        this.letters = letters;
        this.guard = guard;
        this.drafting = drafting;
        this.service = service;
        this.outbox = outbox;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(UUID letterId) {
        guard.read(letterId);
        return discussion.threads(letterId);
    }

    /** Starts a thread on a block. */
    @Transactional
    public UUID comment(UUID letterId, UUID blockId, String rawBody) {
        SignedInUser me = guard.comment(letterId);
        String body = Text.paragraph("comment", "Comment", rawBody, 5000);
        if (body.isEmpty()) {
            throw new org.undersigned.base.InvalidInputException("comment", "Write a comment first.");
        }
        blocks.find(letterId, blockId).orElseThrow(NotFoundException::new);
        UUID id = discussion.insertComment(letterId, blockId, null, me.accountId(), body, clock.instant());
        mailMentions(letterId, me, body);
        drafting.announce(new LetterEvent.DiscussionChanged(letterId));
        return id;
    }

    @Transactional
    public UUID reply(UUID letterId, UUID threadId, String rawBody) {
        SignedInUser me = guard.comment(letterId);
        String body = Text.paragraph("reply", "Reply", rawBody, 5000);
        if (body.isEmpty()) {
            throw new org.undersigned.base.InvalidInputException("reply", "Write a reply first.");
        }
        var root = discussion.root(letterId, threadId).orElseThrow(NotFoundException::new);
        UUID id = discussion.insertComment(letterId, root.blockId(), root.id(), me.accountId(), body, clock.instant());
        mailMentions(letterId, me, body);
        drafting.announce(new LetterEvent.DiscussionChanged(letterId));
        return id;
    }

    @Transactional
    public void resolve(UUID letterId, UUID threadId) {
        SignedInUser me = guard.comment(letterId);
        if (discussion.setResolved(letterId, threadId, me.accountId(), clock.instant()) == 0) {
            throw new NotFoundException();
        }
        drafting.announce(new LetterEvent.DiscussionChanged(letterId));
    }

    @Transactional
    public void reopen(UUID letterId, UUID threadId) {
        guard.comment(letterId);
        if (discussion.setResolved(letterId, threadId, null, null) == 0) {
            throw new NotFoundException();
        }
        drafting.announce(new LetterEvent.DiscussionChanged(letterId));
    }

    @Transactional(readOnly = true)
    public List<Suggestion> suggestions(UUID letterId) {
        guard.read(letterId);
        return discussion.suggestions(letterId);
    }

    /** Proposes a new text for a block, against the version the person saw. */
    @Transactional
    public UUID suggest(UUID letterId, UUID blockId, String rawText) {
        SignedInUser me = guard.comment(letterId);
        Block block = blocks.find(letterId, blockId).orElseThrow(NotFoundException::new);
        String text = Drafting.text(block.kind(), "suggestion", rawText);
        if (text.equals(block.text())) {
            throw new org.undersigned.base.InvalidInputException(
                    "suggestion", "The suggestion is the same as the current text.");
        }
        UUID id = discussion.insertSuggestion(letterId, block, text, me.accountId(), clock.instant());
        drafting.announce(new LetterEvent.DiscussionChanged(letterId));
        return id;
    }

    /**
     * Accepts a suggestion: the block takes the proposed text as a new revision. {@code
     * seenVersion} is the block's version the editor compared against; if the block changed
     * since, nothing is saved and the conflict comes back.
     */
    @Transactional
    public BlockSave accept(UUID letterId, UUID suggestionId, int seenVersion) {
        SignedInUser me = guard.edit(letterId);
        Suggestion s = discussion
                .lockOpen(letterId, suggestionId)
                .orElseThrow(() -> new RefusedException("This suggestion was already decided."));
        BlockSave result = service.saveBlock(letterId, s.blockId(), seenVersion, s.proposedText());
        if (result instanceof BlockSave.Saved) {
            discussion.decide(suggestionId, Suggestion.State.ACCEPTED, me.accountId(), clock.instant());
            drafting.announce(new LetterEvent.DiscussionChanged(letterId));
        }
        return result;
    }

    @Transactional
    public void reject(UUID letterId, UUID suggestionId) {
        SignedInUser me = guard.edit(letterId);
        discussion
                .lockOpen(letterId, suggestionId)
                .orElseThrow(() -> new RefusedException("This suggestion was already decided."));
        discussion.decide(suggestionId, Suggestion.State.REJECTED, me.accountId(), clock.instant());
        drafting.announce(new LetterEvent.DiscussionChanged(letterId));
    }

    private void mailMentions(UUID letterId, SignedInUser me, String body) {
        String folded = Text.key(body);
        for (var drafter : letters.drafters(letterId)) {
            if (drafter.id().equals(me.accountId())) {
                continue;
            }
            if (!Mentions.mentions(folded, drafter.name())) {
                continue;
            }
            letters.emailOf(drafter.id())
                    .ifPresent(
                            email -> outbox.enqueue(
                                    "LETTER_MENTION",
                                    new MailMessage(
                                            email,
                                            "You were mentioned in a comment on Undersigned",
                                            "Hello " + drafter.name() + ",",
                                            List.of(me.displayName()
                                                    + " mentioned you in a comment on a letter you are drafting."),
                                            "Open the letter",
                                            baseUrl + "/drafts/" + letterId,
                                            List.of(
                                                    "For the safety of everyone involved, this email contains neither the letter's title nor its text. Sign in to read the comment."))));
        }
    }
}
