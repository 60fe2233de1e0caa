package io.backchannel.channels.web;

import io.backchannel.channels.internal.ConnectorKind;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;

/**
 * The account and query fields of the connectors of the platforms' APIs: the account goes into API paths, so only
 * its documented shape is accepted (digits for X users and Facebook pages, an organisation URN for LinkedIn).
 */
final class PlatformFields {

    private PlatformFields() {}

    static void validate(
            @Nullable ConnectorKind kind, @Nullable String account, @Nullable String query, BindingResult result) {
        if (kind == null || result.hasFieldErrors("account") || result.hasFieldErrors("query")) {
            return;
        }
        String value = strip(account);
        switch (kind) {
            case X -> {
                if (value.isEmpty() && strip(query).isEmpty()) {
                    result.rejectValue("account", "channels.x.account-or-query");
                } else if (!value.isEmpty() && !value.matches("[0-9]{1,30}")) {
                    result.rejectValue("account", "channels.x.account-invalid");
                }
            }
            case FACEBOOK -> {
                if (!value.matches("[0-9]{1,80}")) {
                    result.rejectValue("account", "channels.facebook.account-invalid");
                }
            }
            case LINKEDIN -> {
                if (!value.matches("urn:li:organization:[0-9]{1,20}")) {
                    result.rejectValue("account", "channels.linkedin.account-invalid");
                }
            }
            default -> {}
        }
    }

    static String strip(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
