package io.backchannel.ideas.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Duplicates merged into surviving ideas, and the moves that merging makes. */
@Repository
class Merges {

    private final JdbcClient jdbc;

    Merges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isMerged(UUID ideaId) {
        return jdbc.sql("select exists (select 1 from ideas_merge where merged_id = ?)")
                .param(ideaId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Moves the votes of one idea to another. Where an account voted on both, its vote on the survivor stays and the
     * other is dropped, so nobody counts twice. Returns how many votes moved.
     */
    int moveVotes(UUID fromId, UUID toId) {
        jdbc.sql(
                        """
                        delete from ideas_vote m where m.idea_id = ? and exists (
                            select 1 from ideas_vote s where s.idea_id = ? and s.account_id = m.account_id)""")
                .params(fromId, toId)
                .update();
        return jdbc.sql("update ideas_vote set idea_id = ? where idea_id = ?")
                .params(toId, fromId)
                .update();
    }

    int moveComments(UUID fromId, UUID toId) {
        return jdbc.sql("update ideas_comment set idea_id = ? where idea_id = ?")
                .params(toId, fromId)
                .update();
    }

    List<Ideas.CastVote> votes(UUID ideaId) {
        return jdbc.sql("select value, cast_at from ideas_vote where idea_id = ? order by cast_at, account_id")
                .param(ideaId)
                .query((rs, row) -> new Ideas.CastVote(
                        rs.getInt("value"), rs.getTimestamp("cast_at").toInstant()))
                .list();
    }

    /** Sets the idea's counts and hot score to what its vote rows add up to. */
    void setScore(UUID ideaId, double hot) {
        jdbc.sql(
                        """
                        update ideas_idea set hot = :hot,
                            promotes = (select count(*) from ideas_vote where idea_id = :id and value = 1),
                            demotes = (select count(*) from ideas_vote where idea_id = :id and value = -1)
                        where id = :id""")
                .param("hot", hot)
                .param("id", ideaId)
                .update();
    }

    void record(UUID mergedId, UUID survivorId, int votes, int comments, UUID mergedBy) {
        jdbc.sql(
                        """
                        insert into ideas_merge (merged_id, survivor_id, moved_votes, moved_comments, merged_by)
                        values (?, ?, ?, ?, ?)""")
                .params(mergedId, survivorId, votes, comments, mergedBy)
                .update();
    }

    /** The idea this one was merged into, if any. */
    Optional<IdeaMerges.MergeLink> survivorOf(long number) {
        return jdbc.sql(
                        """
                        select s.number, s.title, m.merged_at from ideas_merge m
                        join ideas_idea d on d.id = m.merged_id join ideas_idea s on s.id = m.survivor_id
                        where d.number = ?""")
                .param(number)
                .query(IdeaMerges.MergeLink.class)
                .optional();
    }

    /** The ideas merged into this one, oldest merge first. */
    List<IdeaMerges.MergeLink> mergedInto(long number) {
        return jdbc.sql(
                        """
                        select d.number, d.title, m.merged_at from ideas_merge m
                        join ideas_idea d on d.id = m.merged_id join ideas_idea s on s.id = m.survivor_id
                        where s.number = ? order by m.merged_at, d.number""")
                .param(number)
                .query(IdeaMerges.MergeLink.class)
                .list();
    }
}
