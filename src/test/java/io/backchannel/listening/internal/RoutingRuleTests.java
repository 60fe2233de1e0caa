package io.backchannel.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The compiled rules decide as the rules themselves say: first rule that holds, keywords in any case. */
class RoutingRuleTests {

    static final UUID BILLING = UUID.randomUUID();
    static final UUID SUPPORT = UUID.randomUUID();

    static RoutingRule rule(String name, @Nullable String language, @Nullable String keywords, UUID team) {
        return new RoutingRule(UUID.randomUUID(), 0, name, null, language, null, null, null, null, keywords, team);
    }

    static RoutingRule.Facts post(String language, String text) {
        return new RoutingRule.Facts("webhook", language, List.of(), List.of(), Sentiment.NEGATIVE, "@kunde", text);
    }

    @Test
    void firstRuleThatHoldsWinsAndKeywordsIgnoreCase() {
        var rules = RoutingRule.Compiled.of(
                List.of(rule("invoices", null, " Rechnung , refund ", BILLING), rule("german", "de", null, SUPPORT)));

        assertThat(rules.first(post("de", "Die RECHNUNG ist falsch")).map(RoutingRule::teamId))
                .contains(BILLING);
        assertThat(rules.first(post("de", "Die App startet nicht")).map(RoutingRule::teamId))
                .contains(SUPPORT);
        assertThat(rules.first(post("en", "The app does not start"))).isEmpty();
    }

    @Test
    void keywordListOfOnlySeparatorsMatchesNothing() {
        var rules = RoutingRule.Compiled.of(List.of(rule("empty", null, " , ,", BILLING)));

        assertThat(rules.first(post("en", "anything at all"))).isEmpty();
    }
}
