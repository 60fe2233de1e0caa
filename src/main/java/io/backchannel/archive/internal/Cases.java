package io.backchannel.archive.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Cases: named collections of hand-picked records, exported together as one evidence package. */
@Component
public class Cases {

    static final int MAX_NAME = 200;

    public record Case(UUID id, String name, long records, Instant createdAt) {}

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public UUID create(String name, UUID by) {
        String clean = name.strip();
        if (clean.isEmpty()) {
            throw new Refused("archive.case.name-required");
        }
        if (clean.length() > MAX_NAME) {
            throw new Refused("archive.case.name-too-long");
        }
        try {
            return jdbc.sql("insert into archive_case (name, created_by) values (?, ?) returning id")
                    .params(clean, by)
                    .query(UUID.class)
                    .single();
        } catch (DataIntegrityViolationException e) {
            throw new Refused("archive.case.name-taken");
        }
    }

    public List<Case> all() {
        return cases("", List.of());
    }

    public Optional<Case> find(UUID id) {
        return cases(" where c.id = ?", List.of(id)).stream().findFirst();
    }

    /** The cases that hold this record. */
    public List<Case> holding(UUID itemId) {
        return cases(
                " where exists (select 1 from archive_case_record h where h.case_id = c.id and h.item_id = ?)",
                List.of(itemId));
    }

    private List<Case> cases(String where, List<Object> parameters) {
        return jdbc.sql("select c.id, c.name, count(r.item_id), c.created_at from archive_case c"
                        + " left join archive_case_record r on r.case_id = c.id" + where
                        + " group by c.id order by c.created_at desc")
                .params(parameters)
                .query((rs, row) -> new Case(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Adds the record; adding it twice changes nothing. Returns false when the case or the record does not exist. */
    @Transactional
    public boolean add(UUID caseId, UUID itemId, UUID by) {
        jdbc.sql("insert into archive_case_record (case_id, item_id, added_by)"
                        + " select c.id, i.id, ? from archive_case c, archive_item i where c.id = ? and i.id = ?"
                        + " on conflict do nothing")
                .params(by, caseId, itemId)
                .update();
        return records(caseId).contains(itemId);
    }

    @Transactional
    public void remove(UUID caseId, UUID itemId) {
        jdbc.sql("delete from archive_case_record where case_id = ? and item_id = ?")
                .params(caseId, itemId)
                .update();
    }

    public List<UUID> records(UUID caseId) {
        return jdbc.sql("select item_id from archive_case_record where case_id = ? order by added_at")
                .param(caseId)
                .query(UUID.class)
                .list();
    }
}
