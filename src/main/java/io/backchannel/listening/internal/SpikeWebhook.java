package io.backchannel.listening.internal;

import io.backchannel.listening.SpikeDetected;
import io.backchannel.system.WebhookSignatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a spike to the webhook address in the settings, signed like every webhook of ours. It runs after the alert's
 * commit from the event publication log: an unreachable receiver fails the publication, which is sent again on the
 * schedule of failed listeners (and after a restart), so nothing is lost and no check waits for the receiver.
 */
@Component
class SpikeWebhook {

    private final JsonMapper json;
    private final String url;
    private final String secret;
    private final Duration timeout;
    private final HttpClient client;

    SpikeWebhook(
            JsonMapper json,
            @Value("${backchannel.listening.spike.webhook-url:}") String url,
            @Value("${backchannel.listening.spike.webhook-secret:}") String secret,
            @Value("${backchannel.channels.http-timeout:10s}") Duration timeout) {
        if (!url.isBlank() && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException("backchannel.listening.spike.webhook-url must be an http(s) URL");
        }
        this.json = json;
        this.url = url.strip();
        this.secret = secret;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @ApplicationModuleListener
    void on(SpikeDetected spike) throws IOException, InterruptedException {
        if (url.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "listening.spike");
        body.put("alertId", spike.alertId().toString());
        body.put("topic", spike.topic());
        body.put("kind", spike.kind());
        body.put("volume", spike.volume());
        body.put("negative", spike.negative());
        body.put("baselineMean", spike.baselineMean());
        body.put("windowMinutes", spike.windowMinutes());
        body.put("raisedAt", spike.raisedAt().toString());
        byte[] payload = json.writeValueAsBytes(body);
        var response = client.send(
                WebhookSignatures.signedPost(URI.create(url), secret, payload, timeout)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Spike webhook answered HTTP " + response.statusCode());
        }
    }
}
