package io.backchannel.channels.internal.bluesky;

import io.backchannel.channels.internal.Connector;
import io.backchannel.channels.internal.Connectors;
import io.backchannel.channels.internal.platforms.JsonApi;
import io.backchannel.channels.internal.platforms.PlatformFailure;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed-in sessions of the Bluesky search connectors: made with the handle and app password
 * ({@code com.atproto.server.createSession}), kept in memory only, refreshed when the access token expired
 * ({@code com.atproto.server.refreshSession}) and made anew when even that is refused.
 */
@Component
class BlueskySessions {

    static final String NO_PASSWORD = "channels.bluesky.search.no-password";

    private final Connectors connectors;
    private final JsonMapper json;
    private final JsonApi api;
    private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();

    BlueskySessions(Connectors connectors, JsonMapper json, JsonApi api) {
        this.connectors = connectors;
        this.json = json;
        this.api = api;
    }

    record Session(String did, String handle, String accessJwt, String refreshJwt) {
        Map<String, String> authorisation() {
            return Map.of("Authorization", "Bearer " + accessJwt);
        }
    }

    interface Call<T> {
        T with(Session session) throws PlatformFailure;
    }

    /** Runs the call in the connector's session, once more with a refreshed one when the token had expired. */
    <T> T call(Connector connector, Call<T> call) throws PlatformFailure {
        Session session = sessions.get(connector.id());
        if (session == null) {
            session = create(connector);
        }
        try {
            return call.with(session);
        } catch (PlatformFailure refused) {
            if (!expired(refused)) {
                throw refused;
            }
        }
        return call.with(refresh(connector, session));
    }

    Session session(Connector connector) throws PlatformFailure {
        return call(connector, session -> session);
    }

    static URI xrpc(Connector connector, String method) {
        return URI.create(connector.setting(Connector.URL).replaceAll("/+$", "") + "/xrpc/" + method);
    }

    private static boolean expired(PlatformFailure refused) {
        return refused.status() == 401
                || refused.status() == 400 && refused.detail().contains("ExpiredToken");
    }

    private Session create(Connector connector) throws PlatformFailure {
        String password = connectors.secret(connector.id()).orElse(null);
        if (password == null) {
            throw new PlatformFailure(NO_PASSWORD, connector.name(), null, 0);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("identifier", connector.setting(Connector.ACCOUNT).strip().replaceFirst("^@", ""));
        body.put("password", password);
        JsonApi.Answer answer =
                api.post(xrpc(connector, "com.atproto.server.createSession"), Map.of(), json.writeValueAsBytes(body));
        return remember(connector, answer.body());
    }

    private Session refresh(Connector connector, Session expired) throws PlatformFailure {
        sessions.remove(connector.id());
        try {
            JsonApi.Answer answer = api.post(
                    xrpc(connector, "com.atproto.server.refreshSession"),
                    Map.of("Authorization", "Bearer " + expired.refreshJwt()),
                    new byte[0]);
            return remember(connector, answer.body());
        } catch (PlatformFailure refused) {
            if (refused.status() == 0) {
                throw refused;
            }
            return create(connector);
        }
    }

    private Session remember(Connector connector, JsonNode body) throws PlatformFailure {
        String did = JsonApi.text(body, "did");
        String handle = JsonApi.text(body, "handle");
        String access = JsonApi.text(body, "accessJwt");
        String refresh = JsonApi.text(body, "refreshJwt");
        if (did == null || handle == null || access == null || refresh == null) {
            throw new PlatformFailure(JsonApi.MALFORMED, "session without did, handle or tokens", null, 200);
        }
        Session session = new Session(did, handle, access, refresh);
        sessions.put(connector.id(), session);
        return session;
    }
}
