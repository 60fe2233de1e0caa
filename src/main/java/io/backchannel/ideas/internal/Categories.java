package io.backchannel.ideas.internal;

import io.backchannel.system.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The boards of the portal. */
@Repository
public class Categories {

    private final JdbcClient jdbc;

    Categories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The boards with the number of ideas on each, for the admin page. */
    public List<BoardRow> withCounts() {
        return jdbc.sql(
                        """
                        select c.id, c.slug, c.name, c.description, c.up_votes_only, c.pre_moderated,
                               (select count(*) from ideas_idea i where i.category_id = c.id) as ideas, c.vote_budget
                        from ideas_category c order by c.position, lower(c.name)""")
                .query(BoardRow.class)
                .list();
    }

    public List<Category> all() {
        return jdbc.sql("select * from ideas_category order by position, lower(name)")
                .query(Category.class)
                .list();
    }

    Optional<Category> byId(UUID id) {
        return jdbc.sql("select * from ideas_category where id = ?")
                .param(id)
                .query(Category.class)
                .optional();
    }

    UUID create(String slug, String name, String description, boolean upVotesOnly, boolean preModerated) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql(
                            """
                            insert into ideas_category (id, slug, name, description, up_votes_only, pre_moderated, position)
                            values (?, ?, ?, ?, ?, ?, (select coalesce(max(position), 0) + 1 from ideas_category))""")
                    .params(id, slug, name, description, upVotesOnly, preModerated)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new CategoryTaken(slug);
        }
        return id;
    }

    /** Ideas on a pre-moderated board wait for staff before anyone else sees them. */
    void preModerate(UUID id, boolean preModerated) {
        if (jdbc.sql("update ideas_category set pre_moderated = ? where id = ?")
                        .params(preModerated, id)
                        .update()
                == 0) {
            throw new NotFoundException("category " + id);
        }
    }

    public record Category(
            UUID id, String slug, String name, String description, boolean upVotesOnly, boolean preModerated) {}

    public record BoardRow(
            UUID id,
            String slug,
            String name,
            String description,
            boolean upVotesOnly,
            boolean preModerated,
            int ideas,
            @org.jspecify.annotations.Nullable Integer voteBudget) {}

    /** Another board already has this address. */
    public static class CategoryTaken extends RuntimeException {
        CategoryTaken(String slug) {
            super("Category slug already used: " + slug);
        }
    }
}
