package io.backchannel.identity;

import java.util.UUID;

public record TeamSummary(UUID id, String name, String description, int members) {}
