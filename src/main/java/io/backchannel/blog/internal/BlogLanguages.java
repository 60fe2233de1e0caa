package io.backchannel.blog.internal;

import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The languages the blog publishes in; the first is the primary one, which every incident update must have. */
@Component
public class BlogLanguages {

    private final List<String> codes;

    BlogLanguages(@Value("${backchannel.blog.languages}") List<String> codes) {
        this.codes = codes.stream()
                .map(code -> code.strip().toLowerCase(Locale.ROOT))
                .filter(code -> !code.isEmpty())
                .distinct()
                .toList();
        if (this.codes.isEmpty()) {
            throw new IllegalStateException("backchannel.blog.languages names no language");
        }
    }

    public List<String> codes() {
        return codes;
    }

    public String primary() {
        return codes.getFirst();
    }

    public boolean supported(String code) {
        return codes.contains(code);
    }

    /** The language's own name ("Deutsch", "日本語"), as a language switch shows it. */
    public static String nativeName(String code) {
        var locale = Locale.forLanguageTag(code);
        var name = locale.getDisplayLanguage(locale);
        return name.isEmpty() ? code : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
