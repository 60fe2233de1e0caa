package io.backchannel.channels.web;

import io.backchannel.channels.internal.WebhookIntake;
import io.backchannel.system.WebhookSignatures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The generic inbound webhook: any system posts what it heard, signed with the connector's secret. The raw body is
 * read (up to a limit) before it is parsed, because the signature covers exactly those bytes.
 */
@RestController
class WebhookApi {

    private final WebhookIntake intake;
    private final int maxBody;

    WebhookApi(WebhookIntake intake, @Value("${backchannel.channels.webhook-max-body:256KB}") DataSize maxBody) {
        this.intake = intake;
        this.maxBody = (int) maxBody.toBytes();
    }

    @Operation(
            summary = "Deliver a post heard elsewhere",
            description =
                    "Sign the raw body: header " + WebhookSignatures.SIGNATURE + " = sha256=hex(HMAC-SHA256(secret,"
                            + " timestamp + '.' + body)) with " + WebhookSignatures.TIMESTAMP
                            + " = Unix seconds (refused when more"
                            + " than 5 minutes off). A repeated id is accepted and reported as duplicate.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = WebhookPost.class)))
    @PostMapping(WebhookHandlerMapping.PATTERN)
    ResponseEntity<WebhookIntake.Received> receive(
            @PathVariable UUID connectorId,
            @RequestHeader(name = WebhookSignatures.TIMESTAMP, required = false) @Nullable String timestamp,
            @RequestHeader(name = WebhookSignatures.SIGNATURE, required = false) @Nullable String signature,
            HttpServletRequest request)
            throws IOException {
        byte[] body = read(request);
        var received = intake.receive(connectorId, timestamp, signature, body);
        return ResponseEntity.status(received.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(received);
    }

    private byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBody) {
            throw new TooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBody + 1);
            if (body.length > maxBody) {
                throw new TooLarge();
            }
            return body;
        }
    }

    /** The body is over the webhook's limit. */
    static class TooLarge extends RuntimeException {
        TooLarge() {
            super("Webhook body too large");
        }
    }

    /** The documented shape of a delivered post (only for the OpenAPI description; the body is read raw). */
    @Schema(name = "ChannelsWebhookPost")
    record WebhookPost(
            @Schema(description = "The post's id on its platform; a repeated id is a duplicate", maxLength = 500)
                    String id,
            @Schema(description = "The id of the post it answers", nullable = true) @Nullable String inReplyTo,
            Author author,
            @Schema(description = "What the author wrote; refused over 10,000 characters") String text,
            @Schema(description = "Where the post can be read (http or https)", nullable = true) @Nullable String url,
            @Schema(description = "IETF language tag, e.g. de or en-US", nullable = true) @Nullable String language,
            @Schema(description = "ISO-8601 time with offset; now when absent", nullable = true) @Nullable
                    String postedAt) {}

    record Author(
            @Schema(description = "The author's stable handle", maxLength = 500) String handle,
            @Schema(description = "Display name; the handle when absent", nullable = true) @Nullable String name) {}
}
