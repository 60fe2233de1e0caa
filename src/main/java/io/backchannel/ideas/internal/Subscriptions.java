package io.backchannel.ideas.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who follows which idea, and each account's mail settings. */
@Repository
class Subscriptions {

    /** Which mails a subscriber may have switched off, by the settings column that switches them. */
    enum Kind {
        STATUS("status_mails"),
        ANSWER("answer_mails");

        private final String column;

        Kind(String column) {
            this.column = column;
        }
    }

    /**
     * The idea's subscribers: its author, its voters and commenters (unless they switched off following what they
     * take part in), and everyone who pressed "subscribe"; an explicit choice for the idea wins over all of that.
     */
    private static final String SUBSCRIBERS =
            """
            select p.account_id from (
                select author_id as account_id from ideas_idea where id = :idea
                union select account_id from ideas_vote where idea_id = :idea
                union select author_id from ideas_comment where idea_id = :idea
                union select account_id from ideas_subscription where idea_id = :idea and subscribed
            ) p
            join ideas_idea i on i.id = :idea
            left join ideas_notification_setting s on s.account_id = p.account_id
            left join ideas_subscription x on x.idea_id = :idea and x.account_id = p.account_id
            where coalesce(x.subscribed, p.account_id = i.author_id or coalesce(s.follow_participation, true))
            """;

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> subscribers(UUID ideaId) {
        return jdbc.sql(SUBSCRIBERS).param("idea", ideaId).query(UUID.class).list();
    }

    /** The subscribers who want this kind of mail. */
    List<UUID> recipients(UUID ideaId, Kind kind) {
        return jdbc.sql(SUBSCRIBERS + " and coalesce(s." + kind.column + ", true)")
                .param("idea", ideaId)
                .query(UUID.class)
                .list();
    }

    boolean subscribed(UUID ideaId, UUID accountId) {
        return jdbc.sql(SUBSCRIBERS + " and p.account_id = :account")
                .param("idea", ideaId)
                .param("account", accountId)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** Records the account's choice for the idea, replacing an earlier one. */
    void choose(UUID ideaId, UUID accountId, boolean subscribed) {
        jdbc.sql(
                        """
                        insert into ideas_subscription (idea_id, account_id, subscribed) values (?, ?, ?)
                        on conflict (idea_id, account_id)
                        do update set subscribed = excluded.subscribed, changed_at = now()""")
                .params(ideaId, accountId, subscribed)
                .update();
    }

    /** Subscribes the accounts to the idea unless they already made a choice for it. */
    void subscribeUnlessChosen(UUID ideaId, Collection<UUID> accountIds) {
        accountIds.forEach(accountId -> jdbc.sql(
                        """
                        insert into ideas_subscription (idea_id, account_id, subscribed) values (?, ?, true)
                        on conflict (idea_id, account_id) do nothing""")
                .params(ideaId, accountId)
                .update());
    }

    /** Carries the opt-outs of one idea over to another, where the account made no choice yet. */
    void copyOptOuts(UUID fromIdeaId, UUID toIdeaId) {
        jdbc.sql(
                        """
                        insert into ideas_subscription (idea_id, account_id, subscribed)
                        select ?, account_id, false from ideas_subscription where idea_id = ? and not subscribed
                        on conflict (idea_id, account_id) do nothing""")
                .params(toIdeaId, fromIdeaId)
                .update();
    }

    NotificationSettings settings(UUID accountId) {
        return jdbc.sql(
                        """
                        select status_mails, answer_mails, follow_participation
                        from ideas_notification_setting where account_id = ?""")
                .param(accountId)
                .query(NotificationSettings.class)
                .optional()
                .orElse(NotificationSettings.DEFAULTS);
    }

    void saveSettings(UUID accountId, NotificationSettings settings) {
        jdbc.sql(
                        """
                        insert into ideas_notification_setting
                            (account_id, status_mails, answer_mails, follow_participation) values (?, ?, ?, ?)
                        on conflict (account_id) do update set status_mails = excluded.status_mails,
                            answer_mails = excluded.answer_mails,
                            follow_participation = excluded.follow_participation, changed_at = now()""")
                .params(accountId, settings.statusMails(), settings.answerMails(), settings.followParticipation())
                .update();
    }
}
