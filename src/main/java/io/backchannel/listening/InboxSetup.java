package io.backchannel.listening;

import io.backchannel.listening.internal.Assignment;
import io.backchannel.listening.internal.CannedReplies;
import io.backchannel.listening.internal.Goodwill;
import io.backchannel.listening.internal.ListeningQueries;
import io.backchannel.listening.internal.QueryKind;
import io.backchannel.listening.internal.Routing;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other modules (the demo company, a first setup) may configure in the inbox. */
@Service
public class InboxSetup {

    private final Routing routing;
    private final CannedReplies canned;
    private final Goodwill goodwill;
    private final ListeningQueries queries;

    InboxSetup(Routing routing, CannedReplies canned, Goodwill goodwill, ListeningQueries queries) {
        this.routing = routing;
        this.canned = canned;
        this.goodwill = goodwill;
        this.queries = queries;
    }

    /** A listening query on every channel, language and author; a competitor's is counted for share of voice only. */
    public UUID addListeningQuery(String name, String expression, boolean competitor) {
        return queries.create(new ListeningQueries.Draft(
                name,
                expression,
                competitor ? QueryKind.COMPETITOR : QueryKind.BRAND,
                List.of(),
                List.of(),
                List.of(),
                List.of()));
    }

    /** The team that takes every conversation no routing rule matches, sharing them among its members in turn. */
    public void defaultTeam(UUID teamId) {
        routing.configureTeam(teamId, Assignment.ROUND_ROBIN, true);
    }

    /** A canned reply; {@code {name}}, {@code {handle}} and {@code {agent}} are filled in when it is used. */
    public UUID addCannedReply(String title, String language, String body) {
        return canned.add(title, language, body);
    }

    /** The daily goodwill budget of every staff member without their own (money in the currency, and vouchers). */
    public void defaultGoodwillBudget(String currency, BigDecimal amount, int vouchers) {
        goodwill.setBudget(null, new Goodwill.Budget(currency, amount, vouchers));
    }
}
