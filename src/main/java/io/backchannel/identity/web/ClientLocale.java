package io.backchannel.identity.web;

import java.util.Locale;

final class ClientLocale {

    private ClientLocale() {}

    /** The interface language to store for a person, from the language the page was shown in. */
    static String of(Locale locale) {
        return Locale.GERMAN.getLanguage().equals(locale.getLanguage()) ? "de" : "en";
    }
}
