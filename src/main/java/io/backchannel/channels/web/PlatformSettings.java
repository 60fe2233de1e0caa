package io.backchannel.channels.web;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.ConnectorKind;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

/**
 * The settings of the connectors that call a platform's API, checked and stored. The account goes into API paths, so
 * only its documented shape is accepted (digits for X users and Facebook pages, an organisation URN for LinkedIn).
 */
final class PlatformSettings {

    private static final String HASHTAGS = "[#\\p{L}\\p{N}_,\\s]*";

    private PlatformSettings() {}

    static boolean signsIn(@Nullable ConnectorKind kind) {
        return kind == ConnectorKind.MASTODON || kind == ConnectorKind.BLUESKY_SEARCH;
    }

    static void validate(ConnectorsController.ConnectorForm form, BindingResult result) {
        validateAccount(form, result);
        if (form.kind() == ConnectorKind.MASTODON) {
            if (!blank(form.hashtags()) && !String.valueOf(form.hashtags()).matches(HASHTAGS)) {
                result.rejectValue("hashtags", "channels.mastodon.hashtags-invalid");
            }
            if (!Boolean.TRUE.equals(form.mentions())
                    && blank(form.hashtags())
                    && blank(form.query())
                    && !result.hasFieldErrors("query")) {
                result.rejectValue("query", "channels.mastodon.nothing-to-hear");
            }
        }
        if (form.kind() == ConnectorKind.BLUESKY_SEARCH) {
            if (blank(form.account()) && !result.hasFieldErrors("account")) {
                result.rejectValue("account", "validation.required");
            }
            if (blank(form.query()) && !result.hasFieldErrors("query")) {
                result.rejectValue("query", "validation.required");
            }
        }
    }

    private static void validateAccount(ConnectorsController.ConnectorForm form, BindingResult result) {
        if (form.kind() == null || result.hasFieldErrors("account") || result.hasFieldErrors("query")) {
            return;
        }
        String account = strip(form.account());
        switch (form.kind()) {
            case X -> {
                if (account.isEmpty() && blank(form.query())) {
                    result.rejectValue("account", "channels.x.account-or-query");
                } else if (!account.isEmpty() && !account.matches("[0-9]{1,30}")) {
                    result.rejectValue("account", "channels.x.account-invalid");
                }
            }
            case FACEBOOK -> {
                if (!account.matches("[0-9]{1,80}")) {
                    result.rejectValue("account", "channels.facebook.account-invalid");
                }
            }
            case LINKEDIN -> {
                if (!account.matches("urn:li:organization:[0-9]{1,20}")) {
                    result.rejectValue("account", "channels.linkedin.account-invalid");
                }
            }
            default -> {}
        }
    }

    static void put(ConnectorsController.ConnectorForm form, String url, Map<String, String> settings) {
        settings.put(Connector.URL, url);
        settings.put(Connector.ACCOUNT, strip(form.account()));
        settings.put(Connector.QUERY, strip(form.query()));
        settings.put(Connector.INTERVAL_MINUTES, Integer.toString(form.intervalMinutes()));
        if (form.kind() == ConnectorKind.MASTODON) {
            settings.put(Connector.HASHTAGS, strip(form.hashtags()));
            settings.put(Connector.MENTIONS, Boolean.toString(Boolean.TRUE.equals(form.mentions())));
            settings.put(Connector.STREAMING, Boolean.toString(Boolean.TRUE.equals(form.streaming())));
        }
    }

    private static String strip(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
