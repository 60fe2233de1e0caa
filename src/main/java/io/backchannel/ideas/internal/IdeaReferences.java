package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaReference;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Ideas as other modules link to them. */
@Component
public class IdeaReferences {

    private final JdbcClient jdbc;
    private final String baseUrl;

    IdeaReferences(JdbcClient jdbc, @Value("${backchannel.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
    }

    public Optional<IdeaReference> byId(UUID ideaId) {
        return jdbc.sql("select number, title from ideas_idea where id = ?")
                .param(ideaId)
                .query((rs, row) -> {
                    long number = rs.getLong("number");
                    String url = UriComponentsBuilder.fromUriString(baseUrl)
                            .path("/ideas/{number}")
                            .buildAndExpand(number)
                            .toUriString();
                    return new IdeaReference(number, rs.getString("title"), url);
                })
                .optional();
    }
}
