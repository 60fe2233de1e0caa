package io.backchannel.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The evidence report as a PDF on A4 pages with a header, and a footer with page numbers. Text is set in the TrueType
 * font of {@code backchannel.archive.report-font} (DejaVu Sans covers Latin, Greek and Cyrillic; it has no CJK), embedded
 * as a subset; without that file in the built-in Helvetica, which covers Western European text only. Characters the font
 * cannot show are printed as a replacement mark and the report says so, so that no name or text can break it.
 */
@Component
class PdfReport {

    private static final Logger log = LoggerFactory.getLogger(PdfReport.class);
    private static final float MARGIN = 50;
    private static final float SIZE = 9;
    private static final float LEADING = 12;
    private static final float TITLE_SIZE = 14;

    /** The report font's file, read once: every report parses it from memory (a parsed font is not thread-safe). */
    private final byte @Nullable [] font;

    private final MessageSource messages;

    PdfReport(@Value("${backchannel.archive.report-font:}") String fontFile, MessageSource messages) {
        this.font = fontFile.isBlank() ? null : read(Path.of(fontFile.strip()));
        this.messages = messages;
    }

    private static byte @Nullable [] read(Path fontFile) {
        try {
            return Files.readAllBytes(fontFile);
        } catch (IOException e) {
            log.warn("Report font {} not readable; the PDF report covers Western European text only", fontFile);
            return null;
        }
    }

    byte[] render(EvidenceReport report, Locale locale) {
        try (PDDocument document = new PDDocument()) {
            Writer writer = new Writer(document, font(document));
            writer.paragraph(report.title(), TITLE_SIZE);
            writer.paragraph(report.introduction(), SIZE);
            for (List<String> row : report.rows()) {
                writer.gap();
                for (int i = 0; i < row.size(); i++) {
                    writer.paragraph(report.headers().get(i) + ": " + row.get(i), SIZE);
                }
            }
            if (writer.replaced) {
                writer.gap();
                writer.paragraph(messages.getMessage("archive.report.pdf.replaced", null, locale), SIZE);
            }
            writer.finish(report.title(), locale);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PDFont font(PDDocument document) throws IOException {
        if (font != null) {
            return PDType0Font.load(document, new TTFParser().parse(new RandomAccessReadBuffer(font)), true);
        }
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    /** Lays out lines top to bottom, starting a page when one is full. */
    private final class Writer {

        private final PDDocument document;
        private final PDFont font;
        private final Map<Integer, Boolean> covered = new HashMap<>();
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private final String mark;
        private boolean replaced;
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument document, PDFont font) throws IOException {
            this.document = document;
            this.font = font;
            this.mark = covers('\uFFFD') ? "\uFFFD" : "?";
            newPage();
        }

        void gap() {
            y -= LEADING / 2;
        }

        void paragraph(String text, float size) throws IOException {
            for (String line : wrap(printable(text), size)) {
                if (y - size * 1.3f < MARGIN + LEADING) {
                    newPage();
                }
                y -= size * 1.3f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(line);
                content.endText();
            }
        }

        /** Closes the last page and puts the title on top of every page and "page n of m" at its foot. */
        void finish(String title, Locale locale) throws IOException {
            content.close();
            int pages = document.getNumberOfPages();
            String header = printable(title);
            for (int i = 0; i < pages; i++) {
                PDPage page = document.getPage(i);
                try (PDPageContentStream frame =
                        new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String footer = printable(
                            messages.getMessage("archive.report.pdf.page", new Object[] {i + 1, pages}, locale));
                    text(frame, header, MARGIN, PDRectangle.A4.getHeight() - MARGIN / 2 - 8);
                    text(frame, footer, PDRectangle.A4.getWidth() - MARGIN - width(footer, 8), MARGIN / 2);
                    frame.moveTo(MARGIN, PDRectangle.A4.getHeight() - MARGIN + 6);
                    frame.lineTo(PDRectangle.A4.getWidth() - MARGIN, PDRectangle.A4.getHeight() - MARGIN + 6);
                    frame.stroke();
                }
            }
        }

        private void text(PDPageContentStream frame, String text, float x, float atY) throws IOException {
            frame.beginText();
            frame.setFont(font, 8);
            frame.newLineAtOffset(x, atY);
            frame.showText(text);
            frame.endText();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        /** The text with control characters as spaces and every character the font lacks as the replacement mark. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                    out.append(' ');
                } else if (covers(c)) {
                    out.appendCodePoint(c);
                } else {
                    replaced = true;
                    out.append(mark);
                }
            });
            return out.toString();
        }

        private boolean covers(int codePoint) {
            return covered.computeIfAbsent(codePoint, c -> {
                try {
                    String character = new String(Character.toChars(c));
                    return font.encode(character).length > 0 && font.getStringWidth(character) >= 0;
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        }

        /** Breaks at spaces where it can, inside a word only when the word alone is wider than the page. */
        private List<String> wrap(String text, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ", -1)) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                float used = 0;
                for (int c : word.codePoints().toArray()) {
                    float advance = width(new String(Character.toChars(c)), size);
                    if (used + advance > width && !line.isEmpty()) {
                        lines.add(line.toString());
                        line.setLength(0);
                        used = 0;
                    }
                    line.appendCodePoint(c);
                    used += advance;
                }
            }
            lines.add(line.toString());
            return lines;
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }
    }
}
