package org.undersigned.letter;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.account.OrganisationService;
import org.undersigned.audit.AuditLog;
import org.undersigned.base.AppRoles;
import org.undersigned.base.CurrentUser;
import org.undersigned.base.InvalidInputException;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.RefusedException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Text;

/**
 * Letters and their blocks for the people who draft them. Every method checks access itself
 * (see {@link LetterGuard}); a save of a block that someone else saved first saves nothing and
 * returns both texts ({@link BlockSave.Conflict}).
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class LetterService {

    private final LetterRepository letters;
    private final BlockRepository blocks;
    private final LetterGuard guard;
    private final Drafting drafting;
    private final OrganisationService organisations;
    private final SignatureCounts signatureCounts;
    private final CoDrafterInvites invites;
    private final AuditLog audit;
    private final Clock clock;

    LetterService(
            LetterRepository letters,
            BlockRepository blocks,
            LetterGuard guard,
            Drafting drafting,
            OrganisationService organisations,
            SignatureCounts signatureCounts,
            CoDrafterInvites invites,
            AuditLog audit,
            Clock clock) {
        this.letters = letters;
        this.blocks = blocks;
        this.guard = guard;
        this.drafting = drafting;
        this.organisations = organisations;
        this.signatureCounts = signatureCounts;
        this.invites = invites;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a letter for one of the person's organisations, which publishes it and drafts it. */
    @Transactional
    public UUID create(NewLetter form) {
        SignedInUser me = CurrentUser.require();
        var errors = new LinkedHashMap<String, String>();
        String title = collect(errors, () -> Text.line("title", "Title", form.title(), 300));
        String language = collect(errors, () -> Languages.tag("language", form.language()));
        String dateLine = collect(errors, () -> Text.optionalLine("dateLine", "Date", form.dateLine(), 140));
        String place = collect(errors, () -> Text.optionalLine("place", "Place", form.place(), 140));
        String footer = collect(
                errors,
                () -> form.footer() == null || form.footer().isBlank()
                        ? null
                        : Drafting.text(BlockKind.FOOTER, "footer", form.footer()));
        UUID publisher = form.publisherOrganisationId();
        if (publisher == null
                || organisations.myOrganisations().stream()
                        .noneMatch(m -> m.organisationId().equals(publisher))) {
            errors.put("publisher", "Choose one of your organisations.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var start = new ArrayList<Draft>();
        start.add(new Draft(BlockKind.HEADING, title));
        String datePlace =
                dateLine == null ? (place == null ? "" : place) : place == null ? dateLine : dateLine + " — " + place;
        start.add(new Draft(BlockKind.DATE_PLACE, datePlace));
        start.add(new Draft(BlockKind.SALUTATION, ""));
        start.add(new Draft(BlockKind.PARAGRAPH, ""));
        start.add(new Draft(BlockKind.CLOSING, ""));
        if (footer != null) {
            start.add(new Draft(BlockKind.FOOTER, footer));
        }
        return insertLetter(me, title, language, publisher, start, "Started the letter");
    }

    /**
     * Changes the title, the language of the text and the publishing organisation while the text
     * may still change. Checked like a new letter; the publisher must be one of the person's own
     * organisations that drafts the letter as an editor. A new title is also the text of the first
     * heading (a new revision). Audited and announced to every open editor. Nothing changes when
     * any field is wrong.
     */
    @Transactional
    public void changeDetails(UUID letterId, LetterDetails form) {
        SignedInUser me = guard.edit(letterId);
        drafting.lockEditable(letterId);
        Letter letter = letters.find(letterId).orElseThrow(NotFoundException::new);
        var errors = new LinkedHashMap<String, String>();
        String title = collect(errors, () -> Text.line("title", "Title", form.title(), 300));
        String language = collect(errors, () -> Languages.tag("language", form.language()));
        UUID publisher = form.publisherOrganisationId();
        boolean mine = publisher != null
                && organisations.myOrganisations().stream()
                        .anyMatch(m -> m.organisationId().equals(publisher));
        boolean drafts = publisher != null
                && letters.parties(letterId).stream()
                        .anyMatch(p -> publisher.equals(p.organisationId()) && p.role() == DraftingRole.EDITOR);
        if (!mine || !drafts) {
            errors.put("publisher", "Choose one of your organisations that drafts this letter as an editor.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var changed = new LinkedHashMap<String, Object>();
        if (!letter.title().equals(title)) {
            changed.put("title", title);
        }
        if (!letter.language().equals(language)) {
            changed.put("language", language);
        }
        if (!letter.publisherOrganisationId().equals(publisher)) {
            changed.put("publisher", publisher);
        }
        if (changed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        letters.updateDetails(letterId, title, language, publisher);
        if (changed.containsKey("title")) {
            var heading = blocks.current(letterId).stream()
                    .filter(b -> b.kind() == BlockKind.HEADING)
                    .findFirst();
            if (heading.isPresent() && !heading.get().text().equals(title)) {
                Block h = heading.get();
                String text = Drafting.text(BlockKind.HEADING, "title", title);
                blocks.updateText(letterId, h.id(), h.version(), text, me.accountId(), now);
                drafting.recordEdit(
                        letterId,
                        me.accountId(),
                        now,
                        "Changed the title",
                        List.of(new BlockText(h.id(), h.position(), h.kind(), text)),
                        List.of());
            }
        }
        audit.append("LETTER_DETAILS_CHANGED", "letter", letterId, letterId, changed);
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    /** A block of a letter about to be created. */
    record Draft(BlockKind kind, String text) {}

    /** Inserts a letter with its first blocks and revision 1; the caller has validated everything. */
    @Transactional
    UUID insertLetter(
            SignedInUser me, String title, String language, UUID publisher, List<Draft> start, String summary) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        letters.insert(id, title, language, publisher, me.accountId(), now);
        letters.addParty(id, publisher, null, DraftingRole.EDITOR, me.accountId(), now);
        var created = new ArrayList<BlockText>();
        for (int i = 0; i < start.size(); i++) {
            var b = new BlockText(
                    UUID.randomUUID(),
                    (i + 1) * 10,
                    start.get(i).kind(),
                    start.get(i).text());
            blocks.insert(b.blockId(), id, b.position(), b.kind(), b.text(), me.accountId(), now);
            created.add(b);
        }
        drafting.record(id, me.accountId(), now, summary, created, List.of());
        return id;
    }

    /**
     * Creates a letter from an import the person reviewed: its blocks as revision 1, and the
     * signatories kept for the invitations. Every field is checked first; any error names its
     * field ("block-3", "signatory-2") and nothing is created.
     */
    @Transactional
    public UUID createFromImport(ImportDraft draft) {
        SignedInUser me = CurrentUser.require();
        var errors = new LinkedHashMap<String, String>();
        String title = collect(errors, () -> Text.line("title", "Title", draft.title(), 300));
        String language = collect(errors, () -> Languages.tag("language", draft.language()));
        UUID publisher = draft.publisherOrganisationId();
        if (publisher == null
                || organisations.myOrganisations().stream()
                        .noneMatch(m -> m.organisationId().equals(publisher))) {
            errors.put("publisher", "Choose one of your organisations.");
        }
        if (draft.blocks().isEmpty() || draft.blocks().size() > 500) {
            errors.put("blocks", "A letter has between 1 and 500 blocks.");
        }
        if (draft.signatories().size() > 2000) {
            errors.put("signatories", "At most 2,000 signatories can be imported at once.");
        }
        var start = new ArrayList<Draft>();
        for (int i = 0; i < draft.blocks().size() && i < 500; i++) {
            var b = draft.blocks().get(i);
            String field = "block-" + (i + 1);
            String text = collect(errors, () -> Drafting.text(b.kind(), field, b.text()));
            start.add(new Draft(b.kind(), text == null ? "" : text));
        }
        var people = new ArrayList<LetterImport.ImportedSignatory>();
        for (int i = 0; i < draft.signatories().size() && i < 2000; i++) {
            var s = draft.signatories().get(i);
            String field = "signatory-" + (i + 1);
            String name = collect(
                    errors, () -> Text.line(field, "Signatory " + (field.substring(10)) + "’s name", s.name(), 200));
            String role = collect(errors, () -> Text.optionalLine(field, "Role", s.role(), 300));
            String org = collect(errors, () -> Text.optionalLine(field, "Organisation", s.organisation(), 300));
            people.add(new LetterImport.ImportedSignatory(name == null ? "" : name, role, org));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = insertLetter(me, title, language, publisher, start, "Imported the letter");
        Instant now = clock.instant();
        for (int i = 0; i < people.size(); i++) {
            letters.insertSignatory(id, i + 1, people.get(i), me.accountId(), now);
        }
        return id;
    }

    /** The signatories found when the letter was imported, for the invitations. */
    @Transactional(readOnly = true)
    public List<LetterImport.ImportedSignatory> importedSignatories(UUID letterId) {
        guard.read(letterId);
        return letters.importedSignatories(letterId);
    }

    /** The letters the person drafts (administrators: all letters). */
    @Transactional(readOnly = true)
    public List<LetterSummary> myLetters() {
        return letters.summaries(CurrentUser.requireId(), CurrentUser.isAdmin());
    }

    /** Signatures so far and invitations sent, for letters from {@link #myLetters()} that have any. */
    @Transactional(readOnly = true)
    public Map<UUID, SignatureCounts.Count> signatureCounts(List<LetterSummary> mine) {
        var visible = letters.summaries(CurrentUser.requireId(), CurrentUser.isAdmin()).stream()
                .map(LetterSummary::id)
                .collect(java.util.stream.Collectors.toSet());
        return signatureCounts.of(
                mine.stream().map(LetterSummary::id).filter(visible::contains).toList());
    }

    @Transactional(readOnly = true)
    public Letter get(UUID letterId) {
        guard.read(letterId);
        return letters.find(letterId).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public LetterAccess access(UUID letterId) {
        return guard.access(letterId);
    }

    @Transactional(readOnly = true)
    public List<Block> blocks(UUID letterId) {
        guard.read(letterId);
        return blocks.current(letterId);
    }

    @Transactional(readOnly = true)
    public Block block(UUID letterId, UUID blockId) {
        guard.read(letterId);
        return blocks.find(letterId, blockId).orElseThrow(NotFoundException::new);
    }

    /**
     * Saves a block's text if nobody saved it since {@code expectedVersion}; otherwise saves
     * nothing and returns the conflict. Saving the same text again changes nothing.
     *
     * @throws RefusedException when the block was removed meanwhile (the caller keeps the text)
     */
    @Transactional
    public BlockSave saveBlock(UUID letterId, UUID blockId, int expectedVersion, String rawText) {
        SignedInUser me = guard.edit(letterId);
        drafting.lockEditable(letterId);
        Block current = blocks.find(letterId, blockId)
                .orElseThrow(
                        () -> new RefusedException(
                                "Someone removed this block while you were editing it. Copy your text before you close the editor."));
        String text = Drafting.text(current.kind(), "text", rawText);
        if (current.version() != expectedVersion) {
            if (current.text().equals(text)) {
                return new BlockSave.Saved(current);
            }
            return new BlockSave.Conflict(current, text);
        }
        if (current.text().equals(text)) {
            return new BlockSave.Saved(current);
        }
        Instant now = clock.instant();
        blocks.updateText(letterId, blockId, expectedVersion, text, me.accountId(), now);
        drafting.recordEdit(
                letterId,
                me.accountId(),
                now,
                "Edited the " + current.kind().label().toLowerCase(),
                List.of(new BlockText(blockId, current.position(), current.kind(), text)),
                List.of());
        if (current.kind() == BlockKind.HEADING) {
            drafting.followHeading(letterId);
        }
        drafting.announce(new LetterEvent.BlockChanged(letterId, blockId, expectedVersion + 1));
        return new BlockSave.Saved(blocks.find(letterId, blockId).orElseThrow());
    }

    /** Adds an empty block after {@code afterBlockId} (or at the end). */
    @Transactional
    public Block addBlock(UUID letterId, @Nullable UUID afterBlockId, BlockKind kind) {
        SignedInUser me = guard.edit(letterId);
        drafting.lockEditable(letterId);
        List<Block> current = blocks.current(letterId);
        int at = current.size();
        if (afterBlockId != null) {
            for (int i = 0; i < current.size(); i++) {
                if (current.get(i).id().equals(afterBlockId)) {
                    at = i + 1;
                }
            }
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        var order = new ArrayList<BlockText>();
        var added = new BlockText(id, 0, kind, "");
        current.forEach(b -> order.add(new BlockText(b.id(), b.position(), b.kind(), b.text())));
        order.add(at, added);
        blocks.insert(id, letterId, 0, kind, "", me.accountId(), now);
        var changed = renumber(letterId, order, me, now, id);
        drafting.recordEdit(
                letterId, me.accountId(), now, "Added a " + kind.label().toLowerCase(), changed, List.of());
        drafting.announce(new LetterEvent.LetterChanged(letterId));
        return blocks.find(letterId, id).orElseThrow();
    }

    @Transactional
    public void removeBlock(UUID letterId, UUID blockId) {
        SignedInUser me = guard.edit(letterId);
        drafting.lockEditable(letterId);
        Block block = blocks.find(letterId, blockId).orElseThrow(NotFoundException::new);
        Instant now = clock.instant();
        var state = new BlockText(block.id(), block.position(), block.kind(), block.text());
        blocks.overwrite(letterId, state, true, me.accountId(), now);
        drafting.recordEdit(
                letterId,
                me.accountId(),
                now,
                "Removed a " + block.kind().label().toLowerCase(),
                List.of(),
                List.of(state));
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    /** Moves a block up ({@code -1}) or down ({@code +1}). */
    @Transactional
    public void moveBlock(UUID letterId, UUID blockId, int direction) {
        SignedInUser me = guard.edit(letterId);
        drafting.lockEditable(letterId);
        List<Block> current = blocks.current(letterId);
        var order = new ArrayList<BlockText>();
        current.forEach(b -> order.add(new BlockText(b.id(), b.position(), b.kind(), b.text())));
        int from = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).blockId().equals(blockId)) {
                from = i;
            }
        }
        if (from < 0) {
            throw new NotFoundException();
        }
        int to = from + Integer.signum(direction);
        if (to < 0 || to >= order.size() || direction == 0) {
            return;
        }
        order.add(to, order.remove(from));
        Instant now = clock.instant();
        var changed = renumber(letterId, order, me, now, null);
        drafting.recordEdit(
                letterId,
                me.accountId(),
                now,
                "Moved a " + order.get(to).kind().label().toLowerCase(),
                changed,
                List.of());
        drafting.followHeading(letterId);
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    /** Gives blocks positions 10, 20, …; returns those whose position changed (and {@code always}). */
    private List<BlockText> renumber(
            UUID letterId, List<BlockText> order, SignedInUser me, Instant now, @Nullable UUID always) {
        var changed = new ArrayList<BlockText>();
        for (int i = 0; i < order.size(); i++) {
            BlockText b = order.get(i);
            int position = (i + 1) * 10;
            if (b.position() != position || b.blockId().equals(always)) {
                var moved = new BlockText(b.blockId(), position, b.kind(), b.text());
                blocks.overwrite(letterId, moved, false, me.accountId(), now);
                changed.add(moved);
            }
        }
        return changed;
    }

    // --- drafting parties --------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<DraftingParty> parties(UUID letterId) {
        guard.read(letterId);
        return letters.parties(letterId);
    }

    @Transactional(readOnly = true)
    public List<Drafter> drafters(UUID letterId) {
        guard.read(letterId);
        return letters.drafters(letterId).stream()
                .map(n -> new Drafter(n.id(), n.name()))
                .toList();
    }

    /** Organisations to invite, found by name (at least 2 characters). */
    @Transactional(readOnly = true)
    public List<Drafter> findOrganisations(UUID letterId, String query) {
        guard.edit(letterId);
        String q = Text.optionalLine("organisation", "Organisation", query, 200);
        if (q == null || q.codePointCount(0, q.length()) < 2) {
            return List.of();
        }
        return letters.findOrganisations(Text.key(q)).stream()
                .map(n -> new Drafter(n.id(), n.name()))
                .toList();
    }

    @Transactional
    public void inviteOrganisation(UUID letterId, UUID organisationId, DraftingRole role) {
        SignedInUser me = guard.edit(letterId);
        if (!letters.addParty(letterId, organisationId, null, role, me.accountId(), clock.instant())) {
            throw new InvalidInputException("organisation", "This organisation already drafts the letter.");
        }
        audit.append(
                "DRAFTING_ORGANISATION_ADDED",
                "letter",
                letterId,
                letterId,
                Map.of("organisation", organisationId, "role", role));
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    /**
     * Invites one person by email to co-draft, as an editor or a commenter. The answer is the same
     * whether or not the address has an account, and so are the work and the mail queued: the
     * address is never looked up here (docs/decisions/0005-no-account-enumeration.md, 0045). A
     * pending invitation to the same address is replaced by this one.
     */
    @Transactional
    public void invitePerson(UUID letterId, String rawEmail, DraftingRole role) {
        SignedInUser me = guard.edit(letterId);
        invites.invite(me, letterId, rawEmail, role);
    }

    /** The invitations by email not yet accepted; the addresses only for the drafting team. */
    @Transactional(readOnly = true)
    public List<PendingCoDrafter> pendingInvitations(UUID letterId) {
        LetterAccess access = guard.access(letterId);
        return invites.pending(letterId, access.canComment());
    }

    /** Withdraws an invitation by email before it is accepted; its link stops working. */
    @Transactional
    public void revokeInvitation(UUID letterId, UUID invitationId) {
        SignedInUser me = guard.edit(letterId);
        invites.revoke(me, letterId, invitationId);
    }

    @Transactional
    public void removeParty(UUID letterId, UUID partyId) {
        guard.edit(letterId);
        if (letters.removeParty(letterId, partyId) == 0) {
            throw new RefusedException("The publishing organisation always drafts its letter.");
        }
        audit.append("DRAFTING_PARTY_REMOVED", "letter", letterId, letterId, Map.of("party", partyId));
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    private static @Nullable String collect(
            Map<String, String> errors, java.util.function.Supplier<@Nullable String> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
            return null;
        }
    }
}
