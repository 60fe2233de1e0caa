package io.backchannel.ideas.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

final class IdeaForms {

    private IdeaForms() {}

    record SubmitForm(
            @NotBlank(message = "{validation.required}") @Size(max = 150, message = "{validation.too-long}") @Nullable
                    String title,
            @NotNull(message = "{validation.choose-one}") @Nullable UUID category,
            @NotBlank(message = "{validation.required}") @Size(max = 10000, message = "{validation.too-long}") @Nullable
                    String description,
            @Size(max = 300, message = "{validation.too-long}") @Nullable String tags) {

        static SubmitForm empty() {
            return new SubmitForm("", null, "", "");
        }
    }

    record CommentForm(
            @NotBlank(message = "{validation.required}") @Size(max = 5000, message = "{validation.too-long}") @Nullable
                    String body) {

        static CommentForm empty() {
            return new CommentForm("");
        }
    }

    record StatusForm(
            @NotBlank(message = "{validation.choose-one}") @Size(max = 40, message = "{validation.too-long}") @Nullable
                    String status,
            @Size(max = 2000, message = "{validation.too-long}") @Nullable String explanation) {}
}
