package io.backchannel.identity;

import java.util.UUID;

/** A new account exists: a customer registered, or an admin created a staff account. */
public record AccountRegistered(UUID accountId) {}
