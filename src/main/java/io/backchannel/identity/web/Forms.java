package io.backchannel.identity.web;

import io.backchannel.identity.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The form records of the identity pages; fields are {@code @Nullable} because a browser may omit any of them. */
final class Forms {

    static final String LANGUAGE = "en|de";

    private Forms() {}

    record RegistrationForm(
            @NotBlank(message = "{validation.required}")
                    @Email(message = "{validation.email}")
                    @Size(max = 254, message = "{validation.too-long}")
                    @Nullable
                    String email,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.too-long}") @Nullable
                    String displayName,
            @Nullable String password,
            @Nullable String passwordRepeat) {

        static RegistrationForm empty() {
            return new RegistrationForm("", "", "", "");
        }
    }

    record EmailForm(
            @NotBlank(message = "{validation.required}")
                    @Email(message = "{validation.email}")
                    @Size(max = 254, message = "{validation.too-long}")
                    @Nullable
                    String email) {

        static EmailForm empty() {
            return new EmailForm("");
        }
    }

    record ResetForm(@Nullable String token, @Nullable String password, @Nullable String passwordRepeat) {}

    record ProfileForm(
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.too-long}") @Nullable
                    String displayName,
            @NotBlank(message = "{validation.required}")
                    @Pattern(regexp = LANGUAGE, message = "{validation.choice}")
                    @Nullable
                    String locale) {}

    record StaffForm(
            @NotBlank(message = "{validation.required}")
                    @Email(message = "{validation.email}")
                    @Size(max = 254, message = "{validation.too-long}")
                    @Nullable
                    String email,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.too-long}") @Nullable
                    String displayName,
            @NotEmpty(message = "{validation.choose-one}") @Nullable Set<Role> roles,
            @NotBlank(message = "{validation.required}")
                    @Pattern(regexp = LANGUAGE, message = "{validation.choice}")
                    @Nullable
                    String locale) {

        static StaffForm empty() {
            return new StaffForm("", "", Set.of(Role.STAFF), "en");
        }
    }

    record RolesForm(@NotEmpty(message = "{validation.choose-one}") @Nullable Set<Role> roles) {}

    record TeamForm(
            @NotBlank(message = "{validation.required}") @Size(max = 80, message = "{validation.too-long}") @Nullable
                    String name,
            @Size(max = 500, message = "{validation.too-long}") @Nullable String description) {

        static TeamForm empty() {
            return new TeamForm("", "");
        }
    }

    record MemberForm(
            @NotBlank(message = "{validation.required}")
                    @Email(message = "{validation.email}")
                    @Size(max = 254, message = "{validation.too-long}")
                    @Nullable
                    String email) {}

    record TokenForm(
            @NotBlank(message = "{validation.required}")
                    @Email(message = "{validation.email}")
                    @Size(max = 254, message = "{validation.too-long}")
                    @Nullable
                    String owner,
            @NotBlank(message = "{validation.required}") @Size(max = 80, message = "{validation.too-long}") @Nullable
                    String name,
            @Min(value = 0, message = "{validation.range}") @Max(value = 3650, message = "{validation.range}") @Nullable
                    Integer validDays) {

        static TokenForm forOwner(String owner) {
            return new TokenForm(owner, "", 90);
        }
    }
}
