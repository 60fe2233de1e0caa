package io.backchannel.identity;

import java.util.Set;
import java.util.UUID;

/** What other modules may know of an account. */
public record AccountSummary(UUID id, String email, String displayName, Set<Role> roles) {}
