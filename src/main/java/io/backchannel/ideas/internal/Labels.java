package io.backchannel.ideas.internal;

import io.backchannel.text.Languages;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tags of ideas, with each tag's number of ideas kept up to date, and each idea's detected language. */
@Repository
class Labels {

    private final JdbcClient jdbc;

    Labels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives the idea exactly these (already normalised) tags. */
    void set(UUID ideaId, List<String> names) {
        var current = new HashSet<>(tags(ideaId));
        for (String name : names) {
            if (!current.remove(name)) {
                add(ideaId, name);
            }
        }
        current.forEach(name -> remove(ideaId, name));
    }

    List<String> tags(UUID ideaId) {
        return jdbc.sql(
                        """
                        select t.name from ideas_idea_tag it join ideas_tag t on t.id = it.tag_id
                        where it.idea_id = ? order by t.name""")
                .param(ideaId)
                .query(String.class)
                .list();
    }

    /** Tags and language of each idea, in one query for a whole page of ideas. */
    Map<UUID, Of> of(Collection<UUID> ideaIds) {
        if (ideaIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(
                        """
                        select i.id, i.language,
                               array(select t.name from ideas_idea_tag it join ideas_tag t on t.id = it.tag_id
                                     where it.idea_id = i.id order by t.name) as tags
                        from ideas_idea i where i.id in (:ids)""")
                .param("ids", ideaIds)
                .query((rs, row) -> Map.entry(
                        rs.getObject("id", UUID.class),
                        new Of(strings(rs.getArray("tags")), language(rs.getString("language")))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Optional<UUID> tagId(String name) {
        return jdbc.sql("select id from ideas_tag where name = ?")
                .param(name)
                .query(UUID.class)
                .optional();
    }

    /** The most used tags, most used first. */
    List<IdeaLabels.TagCount> popular(int limit) {
        return jdbc.sql("select name, uses from ideas_tag where uses > 0 order by uses desc, name limit ?")
                .param(limit)
                .query(IdeaLabels.TagCount.class)
                .list();
    }

    /**
     * The detected languages that ideas have, by code; unknown and undetected ones left out. Skips through the language
     * index one language at a time, so the cost grows with the number of languages, not of ideas.
     */
    List<String> languages() {
        return jdbc.sql(
                        """
                        with recursive present (language) as (
                            (select language from ideas_idea where language is not null order by language limit 1)
                            union all
                            select (select i.language from ideas_idea i where i.language > p.language
                                    order by i.language limit 1)
                            from present p where p.language is not null)
                        select language from present where language is not null and language <> 'unknown'
                        order by language""")
                .query(String.class)
                .list();
    }

    void setLanguage(UUID ideaId, String language) {
        jdbc.sql("update ideas_idea set language = ? where id = ?")
                .params(language, ideaId)
                .update();
    }

    private void add(UUID ideaId, String name) {
        UUID tagId = jdbc.sql(
                        """
                        insert into ideas_tag (name, uses) values (?, 1)
                        on conflict (name) do update set uses = ideas_tag.uses + 1 returning id""")
                .param(name)
                .query(UUID.class)
                .single();
        jdbc.sql("insert into ideas_idea_tag (idea_id, tag_id) values (?, ?)")
                .params(ideaId, tagId)
                .update();
    }

    private void remove(UUID ideaId, String name) {
        jdbc.sql(
                        """
                        with gone as (
                            delete from ideas_idea_tag it using ideas_tag t
                            where it.tag_id = t.id and it.idea_id = ? and t.name = ? returning it.tag_id)
                        update ideas_tag set uses = uses - 1 where id in (select tag_id from gone)""")
                .params(ideaId, name)
                .update();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray())
                .map(String.class::cast)
                .toList();
    }

    /** Ideas not yet looked at count as unknown until the startup detection reaches them. */
    private static String language(@Nullable String language) {
        return language == null ? Languages.UNKNOWN : language;
    }

    /** Ideas whose language has not been detected yet, a batch at a time. */
    List<Undetected> undetected(int limit) {
        return jdbc.sql("select id, title, body_markdown from ideas_idea where language is null order by id limit ?")
                .param(limit)
                .query(Undetected.class)
                .list();
    }

    record Of(List<String> tags, String language) {}

    record Undetected(UUID id, String title, String bodyMarkdown) {}
}
