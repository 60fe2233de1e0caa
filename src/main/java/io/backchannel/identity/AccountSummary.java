package io.backchannel.identity;

import java.util.Set;
import java.util.UUID;

/** What other modules may know of an account; {@code locale} is the language to write to them in. */
public record AccountSummary(UUID id, String email, String displayName, String locale, Set<Role> roles) {}
