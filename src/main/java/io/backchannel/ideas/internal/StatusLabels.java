package io.backchannel.ideas.internal;

import io.backchannel.ideas.IdeaStatus;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Admins' names for statuses: renamed built-in stages and their own statuses, each within a stage. */
@Repository
class StatusLabels {

    private final JdbcClient jdbc;

    StatusLabels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<IdeaStatuses.Label> all() {
        return jdbc.sql(
                        """
                        select id, stage, builtin, name_en, name_de, needs_explanation from ideas_status_label
                        order by builtin desc, created_at, id""")
                .query((rs, row) -> new IdeaStatuses.Label(
                        rs.getObject("id", UUID.class),
                        IdeaStatus.valueOf(rs.getString("stage")),
                        rs.getBoolean("builtin"),
                        rs.getString("name_en"),
                        rs.getString("name_de"),
                        rs.getBoolean("needs_explanation")))
                .list();
    }

    void rename(IdeaStatus stage, String english, String german) {
        jdbc.sql(
                        """
                        insert into ideas_status_label (stage, builtin, name_en, name_de) values (?, true, ?, ?)
                        on conflict (stage) where builtin do update set name_en = excluded.name_en,
                        name_de = excluded.name_de""")
                .params(stage.name(), english, german)
                .update();
    }

    UUID add(IdeaStatus stage, String english, String german, boolean needsExplanation) {
        try {
            return jdbc.sql(
                            """
                            insert into ideas_status_label (stage, name_en, name_de, needs_explanation)
                            values (?, ?, ?, ?) returning id""")
                    .params(stage.name(), english, german, needsExplanation)
                    .query(UUID.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new IdeaStatuses.NameTaken(english);
        }
    }

    /** Removes an own status; ideas that carried it keep its stage and show the stage's name. */
    boolean delete(UUID id) {
        return jdbc.sql("delete from ideas_status_label where id = ? and not builtin")
                        .param(id)
                        .update()
                > 0;
    }
}
