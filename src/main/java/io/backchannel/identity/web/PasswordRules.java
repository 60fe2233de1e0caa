package io.backchannel.identity.web;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

/**
 * The one password rule of every form: at least 10 characters, at most 72 bytes (the most BCrypt uses), and the
 * repetition must match.
 */
final class PasswordRules {

    static final int MINIMUM = 10;
    static final int MAXIMUM_BYTES = 72;

    private PasswordRules() {}

    static void check(@Nullable String password, @Nullable String repeat, Errors errors) {
        if (password == null || password.isEmpty()) {
            errors.rejectValue("password", "validation.required");
        } else if (password.codePointCount(0, password.length()) < MINIMUM) {
            errors.rejectValue("password", "validation.password.short", new Object[] {MINIMUM}, null);
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAXIMUM_BYTES) {
            errors.rejectValue("password", "validation.password.long", new Object[] {MAXIMUM_BYTES}, null);
        } else if (!password.equals(repeat)) {
            errors.rejectValue("passwordRepeat", "validation.password.mismatch");
        }
    }
}
