package io.backchannel.blog.web;

import io.backchannel.blog.internal.BlogReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * schema.org metadata of a post, for a {@code <script type="application/ld+json">}. Written by Jackson with
 * {@code <}, {@code >} and {@code &} (and the JavaScript line separators) as Unicode escapes, so that no text of a
 * post can close the script element or open a comment in it.
 */
final class JsonLd {

    private static final ObjectWriter writer =
            JsonMapper.builder().build().writer().with(new ScriptSafe());

    private JsonLd() {}

    static String blogPosting(BlogReader.Post post, String url, String categoryName, String publisher) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@context", "https://schema.org");
        json.put("@type", "BlogPosting");
        json.put("headline", post.title());
        if (!post.summary().isBlank()) {
            json.put("description", post.summary());
        }
        json.put("inLanguage", post.language());
        json.put("url", url);
        json.put("mainEntityOfPage", url);
        json.put("datePublished", post.published().toString());
        json.put("dateModified", post.updated().toString());
        json.put("author", Map.of("@type", "Person", "name", post.author()));
        json.put("publisher", Map.of("@type", "Organization", "name", publisher));
        json.put("articleSection", categoryName);
        if (!post.tags().isEmpty()) {
            json.put("keywords", String.join(", ", post.tags()));
        }
        return writer.writeValueAsString(json);
    }

    private static final class ScriptSafe extends CharacterEscapes {

        private final int[] ascii;

        ScriptSafe() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
            ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public @Nullable SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
