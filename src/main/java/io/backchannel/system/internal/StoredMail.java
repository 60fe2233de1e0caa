package io.backchannel.system.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

record StoredMail(
        UUID id,
        String recipient,
        String subject,
        String body,
        String headers,
        String status,
        int attempts,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt) {}
