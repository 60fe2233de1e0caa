package io.backchannel.identity.web;

import io.backchannel.identity.internal.AccountPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page who is logged in, as a view record the layout can use. */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    @Nullable
    CurrentUser currentUser(@Nullable Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return new CurrentUser(
                    principal.displayName(),
                    principal.email(),
                    principal.staff(),
                    principal.hasRole("ADMIN"),
                    principal.hasRole("ARCHIVIST") || principal.hasRole("ADMIN"));
        }
        return null;
    }

    /** {@code archivist}: may open the evidence archive (archivists and admins). */
    record CurrentUser(String displayName, String email, boolean staff, boolean admin, boolean archivist) {}
}
