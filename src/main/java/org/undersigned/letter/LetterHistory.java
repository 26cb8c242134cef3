package org.undersigned.letter;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.undersigned.base.AppRoles;
import org.undersigned.base.NotFoundException;
import org.undersigned.base.SignedInUser;
import org.undersigned.base.Text;

/**
 * A letter's history: its revisions (append-only), names people give them, word-level diffs
 * between any two, and restoring an old one (which makes a new revision; nothing is lost).
 */
@Service
@PreAuthorize(AppRoles.HAS_USER)
public class LetterHistory {

    private final BlockRepository blocks;
    private final LetterGuard guard;
    private final Drafting drafting;
    private final Clock clock;

    LetterHistory(BlockRepository blocks, LetterGuard guard, Drafting drafting, Clock clock) {
        this.blocks = blocks;
        this.guard = guard;
        this.drafting = drafting;
        this.clock = clock;
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<RevisionInfo> revisions(UUID letterId) {
        guard.read(letterId);
        return blocks.revisions(letterId);
    }

    @Transactional(readOnly = true)
    public LetterRevision revision(UUID letterId, int number) {
        guard.read(letterId);
        return blocks.revision(letterId, number).orElseThrow(NotFoundException::new);
    }

    /** The word-level changes from revision {@code from} to revision {@code to}, over the whole letter. */
    @Transactional(readOnly = true)
    public List<WordDiff.Segment> diff(UUID letterId, int from, int to) {
        guard.read(letterId);
        var a = blocks.revision(letterId, from).orElseThrow(NotFoundException::new);
        var b = blocks.revision(letterId, to).orElseThrow(NotFoundException::new);
        return WordDiff.between(a.canonicalText(), b.canonicalText());
    }

    @Transactional
    public void name(UUID letterId, int number, String rawName) {
        SignedInUser me = guard.comment(letterId);
        String name = Text.line("name", "Name", rawName, 120);
        blocks.revision(letterId, number).orElseThrow(NotFoundException::new);
        blocks.nameRevision(letterId, number, name, me.accountId(), clock.instant());
        drafting.announce(new LetterEvent.LetterChanged(letterId));
    }

    /** Brings the letter back to revision {@code number} as a new revision. */
    @Transactional
    public int restore(UUID letterId, int number) {
        SignedInUser me = guard.edit(letterId);
        drafting.lockEditable(letterId);
        LetterRevision old = blocks.revision(letterId, number).orElseThrow(NotFoundException::new);
        Map<UUID, BlockText> wanted =
                old.blocks().stream().collect(Collectors.toMap(BlockText::blockId, Function.identity()));
        Map<UUID, BlockText> now = blocks.current(letterId).stream()
                .collect(Collectors.toMap(Block::id, b -> new BlockText(b.id(), b.position(), b.kind(), b.text())));
        Instant at = clock.instant();
        var changed = new ArrayList<BlockText>();
        var removed = new ArrayList<BlockText>();
        for (BlockText b : wanted.values()) {
            if (!b.equals(now.get(b.blockId()))) {
                blocks.overwrite(letterId, b, false, me.accountId(), at);
                changed.add(b);
            }
        }
        for (BlockText b : now.values()) {
            if (!wanted.containsKey(b.blockId())) {
                blocks.overwrite(letterId, b, true, me.accountId(), at);
                removed.add(b);
            }
        }
        int revision =
                drafting.recordEdit(letterId, me.accountId(), at, "Restored version " + number, changed, removed);
        drafting.followHeading(letterId);
        drafting.announce(new LetterEvent.LetterChanged(letterId));
        return revision;
    }
}
