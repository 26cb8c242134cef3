package org.undersigned.publication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.undersigned.letter.BlockKind;
import org.undersigned.letter.BlockText;
import org.undersigned.letter.LetterDocument;
import org.undersigned.letter.LetterPreview;
import org.undersigned.letter.LetterRevision;
import org.undersigned.letter.PublishingLetters.PublishableLetter;
import org.undersigned.signing.LockedList;
import org.undersigned.signing.VerificationLevel;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the four files of a publication from stored data only (the letter, the frozen revision,
 * the locked list, the slug and the publication time), so the same inputs always give the same
 * page, text and manifest. The page and the PDF come from the editor's preview template
 * ({@code letter/preview.jte}) with the signature block and the public-page parts added.
 */
@Component
class PublicationRenderer {

    static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Times in the manifest: UTC with six fraction digits, as the list hash writes them. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** What the renderer needs to know of one publication. */
    record Source(
            PublishableLetter letter, LetterRevision revision, LockedList list, String slug, Instant publishedAt) {}

    private final LetterPreview preview;
    private final PdfRenderer pdf;
    private final SignedManifests manifests;
    private final String baseUrl;
    private final String printCss;
    private final ObjectMapper json = new ObjectMapper();

    PublicationRenderer(
            LetterPreview preview,
            PdfRenderer pdf,
            SignedManifests manifests,
            @Value("${undersigned.base-url}") String baseUrl) {
        this.preview = preview;
        this.pdf = pdf;
        this.manifests = manifests;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.printCss = resource("publication/letter-pdf.css");
    }

    String url(String slug) {
        return baseUrl + "/letters/" + slug;
    }

    Artefacts render(Source s) {
        String text = s.revision().canonicalText();
        if (!LetterRevision.sha256(text).equals(s.list().textSha256())) {
            throw new IllegalStateException("The locked list was signed for another text than revision "
                    + s.revision().number() + ".");
        }
        byte[] page = page(s).getBytes(StandardCharsets.UTF_8);
        byte[] pdfBytes = pdf.renderHtml(document(s, printCss), s.letter().rightToLeft());
        byte[] plain = plainText(s).getBytes(StandardCharsets.UTF_8);
        byte[] manifest = manifests.sign(manifest(s)).getBytes(StandardCharsets.UTF_8);
        return new Artefacts(page, pdfBytes, plain, manifest);
    }

    /** The public page's HTML. */
    String page(Source s) {
        return document(s, null);
    }

    /** The page as it would be published, for the review: the letter and its signature block. */
    String reviewPage(PublishableLetter letter, LetterRevision revision, LockedList list) {
        return preview.render(new LetterDocument(
                PublicText.line(letter.title()),
                letter.language(),
                letter.rightToLeft(),
                PublicText.line(letter.publisherName()),
                "For review — not published",
                blocks(revision),
                signatories(list),
                null));
    }

    private static List<BlockText> blocks(LetterRevision revision) {
        return revision.blocks().stream()
                .map(b -> new BlockText(b.blockId(), b.position(), b.kind(), PublicText.text(b.text())))
                .toList();
    }

    private static List<LetterDocument.Signatory> signatories(LockedList list) {
        return list.signatures().stream()
                .map(l -> new LetterDocument.Signatory(
                        name(l),
                        details(l),
                        mark(l.level()),
                        symbol(l.level()),
                        l.level().description()))
                .toList();
    }

    private String document(Source s, @org.jspecify.annotations.Nullable String css) {
        List<BlockText> blocks = blocks(s.revision());
        var signatories = signatories(s.list());
        var used = EnumSet.noneOf(VerificationLevel.class);
        s.list().signatures().forEach(l -> used.add(l.level()));
        var legend = used.stream()
                .map(v -> new LetterDocument.Mark(mark(v), symbol(v), v.description()))
                .toList();
        String url = url(s.slug());
        var published = new LetterDocument.Published(
                url,
                url + ".pdf",
                url + ".txt",
                url + "/manifest.json",
                baseUrl + "/verify",
                description(s),
                DAY.format(s.publishedAt()),
                DAY.format(s.list().lockedAt()),
                s.list().textSha256(),
                s.list().listSha256(),
                legend,
                css);
        return preview.render(new LetterDocument(
                PublicText.line(s.letter().title()),
                s.letter().language(),
                s.letter().rightToLeft(),
                PublicText.line(s.letter().publisherName()),
                "",
                blocks,
                signatories,
                published));
    }

    String plainText(Source s) {
        var b = new StringBuilder(PublicText.text(s.revision().canonicalText()).strip()).append("\n\n");
        var lines = s.list().signatures();
        b.append("Signed by (").append(lines.size()).append("):\n");
        for (LockedList.Line l : lines) {
            b.append(l.position()).append(". ").append(name(l));
            for (String d : details(l)) {
                b.append(", ").append(d);
            }
            b.append(' ').append(symbol(l.level())).append('\n');
        }
        b.append('\n');
        var used = EnumSet.noneOf(VerificationLevel.class);
        lines.forEach(l -> used.add(l.level()));
        for (VerificationLevel v : used) {
            b.append(symbol(v)).append(' ').append(v.description()).append('\n');
        }
        String url = url(s.slug());
        b.append("\nPublished on ")
                .append(DAY.format(s.publishedAt()))
                .append(" on Undersigned: ")
                .append(url)
                .append('\n');
        b.append("Signed record: ").append(url).append("/manifest.json\n");
        b.append("Text SHA-256: ").append(s.list().textSha256()).append('\n');
        b.append("List SHA-256: ").append(s.list().listSha256()).append('\n');
        return b.toString();
    }

    ObjectNode manifest(Source s) {
        ObjectNode m = json.createObjectNode();
        m.put("format", "undersigned-manifest/1");
        ObjectNode letter = m.putObject("letter");
        letter.put("id", s.letter().id().toString());
        letter.put("title", s.letter().title());
        letter.put("lang", s.letter().language());
        letter.put("publisher", s.letter().publisherName());
        letter.put("url", url(s.slug()));
        m.put("revision", s.revision().number());
        m.put("text", s.revision().canonicalText());
        m.put("textSha256", s.list().textSha256());
        ObjectNode list = m.putObject("signatureList");
        list.put("order", s.list().order());
        list.put("lockedAt", TIME.format(s.list().lockedAt()));
        list.put("sha256", s.list().listSha256());
        list.put("canonicalForm", LockedList.FORMAT);
        ArrayNode signatures = m.putArray("signatures");
        for (LockedList.Line l : s.list().signatures()) {
            ObjectNode o = signatures.addObject();
            o.put("position", l.position());
            o.put("signatureId", l.signatureId().toString());
            o.put("name", l.displayName());
            if (l.roleLine() == null) {
                o.putNull("role");
            } else {
                o.put("role", l.roleLine());
            }
            if (l.organisation() == null) {
                o.putNull("organisation");
            } else {
                o.put("organisation", l.organisation());
            }
            o.put("personalCapacity", l.personalCapacity());
            o.put("verification", l.level().name());
            o.put("verificationMeans", l.level().description());
            o.put("signedAt", TIME.format(l.signedAt()));
        }
        m.put("lockedAt", TIME.format(s.list().lockedAt()));
        m.put("publishedAt", TIME.format(s.publishedAt()));
        return m;
    }

    private static String name(LockedList.Line l) {
        String name = PublicText.line(l.displayName());
        return name.isEmpty() ? "—" : name;
    }

    private static List<String> details(LockedList.Line l) {
        List<String> parts = new ArrayList<>();
        if (l.roleLine() != null && !PublicText.line(l.roleLine()).isEmpty()) {
            parts.add(PublicText.line(l.roleLine()));
        }
        if (l.personalCapacity()) {
            parts.add("in personal capacity");
        } else if (l.organisation() != null
                && !PublicText.line(l.organisation()).isEmpty()) {
            parts.add(PublicText.line(l.organisation()));
        }
        return parts;
    }

    static String mark(VerificationLevel level) {
        return switch (level) {
            case EMAIL_CODE -> "email-code";
            case ORGANISATION_DOMAIN -> "organisation-domain";
        };
    }

    /** Footnote signs that every embedded font has (no check mark in Noto Serif). */
    static String symbol(VerificationLevel level) {
        return switch (level) {
            case EMAIL_CODE -> "†";
            case ORGANISATION_DOMAIN -> "‡";
        };
    }

    private static String description(Source s) {
        String first = s.revision().blocks().stream()
                .filter(b -> b.kind() == BlockKind.PARAGRAPH && !b.text().isBlank())
                .map(b -> PublicText.line(b.text().replaceAll("\\s+", " ")))
                .findFirst()
                .orElse("");
        String lead = s.list().signatures().size() + " signatures. ";
        String d = lead + first;
        return d.codePointCount(0, d.length()) > 200 ? d.substring(0, d.offsetByCodePoints(0, 199)) + "…" : d;
    }

    private static String resource(String path) {
        try (InputStream in = PublicationRenderer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing from the jar: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
