package io.backchannel.blog.internal;

import io.backchannel.system.ListPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident tables. The timeline tables only ever get inserts: the database refuses anything else. */
@Repository
class Incidents {

    private static final String COLUMNS =
            "id, number, kind, status, opened_at, resolved_at, updated_at from blog_incident";
    // Open incidents first, newest first within each group.
    private static final String ORDER = " order by (status = 'RESOLVED'), opened_at desc, number desc";

    private final JdbcClient jdbc;

    Incidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Created(UUID id, long number) {}

    Created create(IncidentKind kind, IncidentStatus status, UUID openedBy, Instant at) {
        return jdbc.sql(
                        """
                        insert into blog_incident (kind, status, opened_by, opened_at, updated_at)
                        values (?, ?, ?, ?, ?) returning id, number""")
                .params(kind.name(), status.name(), openedBy, Timestamp.from(at), Timestamp.from(at))
                .query((rs, row) -> new Created(rs.getObject("id", UUID.class), rs.getLong("number")))
                .single();
    }

    void addText(UUID incidentId, String language, Incident.Text text) {
        jdbc.sql("insert into blog_incident_text (incident_id, language, title, summary) values (?, ?, ?, ?)")
                .params(incidentId, language, text.title(), text.summary())
                .update();
    }

    UUID addUpdate(UUID incidentId, IncidentStatus status, UUID postedBy, Instant at, boolean notified) {
        return jdbc.sql(
                        """
                        insert into blog_incident_update (incident_id, status, posted_by, posted_at, notified)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(incidentId, status.name(), postedBy, Timestamp.from(at), notified)
                .query(UUID.class)
                .single();
    }

    void addUpdateText(UUID updateId, String language, IncidentUpdate.Text text) {
        jdbc.sql(
                        """
                        insert into blog_incident_update_text (update_id, language, body_markdown, body_html)
                        values (?, ?, ?, ?)""")
                .params(updateId, language, text.markdown(), text.html())
                .update();
    }

    /** The incident takes the status of its newest update; resolving stamps the time, anything else reopens. */
    void setStatus(UUID incidentId, IncidentStatus status, Instant at) {
        jdbc.sql(
                        """
                        update blog_incident set status = ?, updated_at = ?,
                            resolved_at = case when ? then coalesce(resolved_at, ?) end
                        where id = ?""")
                .params(status.name(), Timestamp.from(at), !status.open(), Timestamp.from(at), incidentId)
                .update();
    }

    Optional<Incident> byNumber(long number) {
        return withTexts(jdbc.sql("select " + COLUMNS + " where number = ?")
                        .param(number)
                        .query(Incidents::row)
                        .list())
                .stream()
                .findFirst();
    }

    /** Locks the incident's row, so that two updates posted at once apply their statuses one after the other. */
    Optional<Incident> byNumberForUpdate(long number) {
        return withTexts(jdbc.sql("select " + COLUMNS + " where number = ? for update")
                        .param(number)
                        .query(Incidents::row)
                        .list())
                .stream()
                .findFirst();
    }

    List<Incident> open() {
        return withTexts(jdbc.sql("select " + COLUMNS + " where status <> 'RESOLVED' order by opened_at desc")
                .query(Incidents::row)
                .list());
    }

    ListPage<Incident> page(@Nullable IncidentStatus status, int page, int size) {
        String where = status == null ? "" : " where status = :status";
        var items = jdbc.sql("select " + COLUMNS + where + ORDER + " limit :limit offset :offset")
                .param("status", status == null ? "" : status.name())
                .param("limit", size)
                .param("offset", ListPage.offset(page, size))
                .query(Incidents::row)
                .list();
        long total = jdbc.sql("select count(*) from blog_incident" + where)
                .param("status", status == null ? "" : status.name())
                .query(Long.class)
                .single();
        return new ListPage<>(withTexts(items), page, size, total);
    }

    /** The timeline, newest first, with the id of whoever posted each update. */
    List<Posted> timeline(UUID incidentId) {
        var rows = jdbc.sql(
                        """
                        select id, status, posted_by, posted_at, notified from blog_incident_update
                        where incident_id = ? order by posted_at desc, id desc""")
                .param(incidentId)
                .query((rs, row) -> new Posted(
                        rs.getObject("id", UUID.class),
                        IncidentStatus.valueOf(rs.getString("status")),
                        rs.getObject("posted_by", UUID.class),
                        instant(rs, "posted_at"),
                        rs.getBoolean("notified")))
                .list();
        Map<UUID, Map<String, IncidentUpdate.Text>> texts = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql(
                            """
                            select update_id, language, body_markdown, body_html from blog_incident_update_text
                            where update_id in (:ids)""")
                    .param("ids", rows.stream().map(Posted::id).toList())
                    .query(rs -> {
                        texts.computeIfAbsent(rs.getObject("update_id", UUID.class), id -> new LinkedHashMap<>())
                                .put(
                                        rs.getString("language"),
                                        new IncidentUpdate.Text(
                                                rs.getString("body_markdown"), rs.getString("body_html")));
                    });
        }
        return rows.stream()
                .map(posted -> posted.withTexts(texts.getOrDefault(posted.id(), Map.of())))
                .toList();
    }

    /** A timeline row before the poster's name is known. */
    record Posted(
            UUID id,
            IncidentStatus status,
            UUID postedBy,
            Instant postedAt,
            boolean notified,
            Map<String, IncidentUpdate.Text> texts) {

        Posted(UUID id, IncidentStatus status, UUID postedBy, Instant postedAt, boolean notified) {
            this(id, status, postedBy, postedAt, notified, Map.of());
        }

        Posted withTexts(Map<String, IncidentUpdate.Text> texts) {
            return new Posted(id, status, postedBy, postedAt, notified, texts);
        }

        IncidentUpdate named(String name) {
            return new IncidentUpdate(id, status, name, postedAt, notified, texts);
        }
    }

    private List<Incident> withTexts(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return incidents;
        }
        Map<UUID, Map<String, Incident.Text>> texts = new HashMap<>();
        jdbc.sql("select incident_id, language, title, summary from blog_incident_text where incident_id in (:ids)")
                .param("ids", ids(incidents))
                .query(rs -> {
                    texts.computeIfAbsent(rs.getObject("incident_id", UUID.class), id -> new LinkedHashMap<>())
                            .put(
                                    rs.getString("language"),
                                    new Incident.Text(rs.getString("title"), rs.getString("summary")));
                });
        var result = new ArrayList<Incident>(incidents.size());
        for (Incident incident : incidents) {
            result.add(new Incident(
                    incident.id(),
                    incident.number(),
                    incident.kind(),
                    incident.status(),
                    incident.openedAt(),
                    incident.resolvedAt(),
                    incident.updatedAt(),
                    texts.getOrDefault(incident.id(), Map.of())));
        }
        return result;
    }

    private static Collection<UUID> ids(List<Incident> incidents) {
        return incidents.stream().map(Incident::id).toList();
    }

    private static Incident row(ResultSet rs, int row) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new Incident(
                rs.getObject("id", UUID.class),
                rs.getLong("number"),
                IncidentKind.valueOf(rs.getString("kind")),
                IncidentStatus.valueOf(rs.getString("status")),
                instant(rs, "opened_at"),
                resolved == null ? null : resolved.toInstant(),
                instant(rs, "updated_at"),
                Map.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
