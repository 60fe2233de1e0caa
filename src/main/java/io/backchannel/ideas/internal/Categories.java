package io.backchannel.ideas.internal;

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

    UUID create(String slug, String name, String description, boolean upVotesOnly) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql(
                            """
                            insert into ideas_category (id, slug, name, description, up_votes_only, position)
                            values (?, ?, ?, ?, ?, (select coalesce(max(position), 0) + 1 from ideas_category))""")
                    .params(id, slug, name, description, upVotesOnly)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new CategoryTaken(slug);
        }
        return id;
    }

    public record Category(UUID id, String slug, String name, String description, boolean upVotesOnly) {}

    /** Another board already has this address. */
    public static class CategoryTaken extends RuntimeException {
        CategoryTaken(String slug) {
            super("Category slug already used: " + slug);
        }
    }
}
