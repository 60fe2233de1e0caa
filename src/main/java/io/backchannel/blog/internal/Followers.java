package io.backchannel.blog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who follows which incident by e-mail. */
@Repository
class Followers {

    record Follower(UUID id, String email, String language, boolean confirmed) {}

    private final JdbcClient jdbc;

    Followers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The follower with this address, added unconfirmed (or confirmed, for an account) unless already there. */
    Follower add(UUID incidentId, String email, @Nullable UUID accountId, String language, boolean confirmed) {
        jdbc.sql(
                        """
                        insert into blog_incident_subscription (incident_id, email, account_id, language, confirmed_at)
                        values (?, ?, ?, ?, case when ? then now() end)
                        on conflict (incident_id, email) do update
                        set confirmed_at = coalesce(blog_incident_subscription.confirmed_at, excluded.confirmed_at),
                            account_id = coalesce(excluded.account_id, blog_incident_subscription.account_id)""")
                .params(incidentId, email, accountId, language, confirmed)
                .update();
        return jdbc.sql(
                        """
                        select id, email, language, confirmed_at is not null as confirmed
                        from blog_incident_subscription where incident_id = ? and email = ?""")
                .params(incidentId, email)
                .query(Follower.class)
                .single();
    }

    Optional<Follower> byId(UUID id, UUID incidentId) {
        return jdbc.sql(
                        """
                        select id, email, language, confirmed_at is not null as confirmed
                        from blog_incident_subscription where id = ? and incident_id = ?""")
                .params(id, incidentId)
                .query(Follower.class)
                .optional();
    }

    void confirm(UUID id) {
        jdbc.sql("update blog_incident_subscription set confirmed_at = coalesce(confirmed_at, now()) where id = ?")
                .param(id)
                .update();
    }

    void remove(UUID id) {
        jdbc.sql("delete from blog_incident_subscription where id = ?")
                .param(id)
                .update();
    }

    List<Follower> confirmed(UUID incidentId) {
        return jdbc.sql(
                        """
                        select id, email, language, true as confirmed from blog_incident_subscription
                        where incident_id = ? and confirmed_at is not null order by created_at""")
                .param(incidentId)
                .query(Follower.class)
                .list();
    }
}
