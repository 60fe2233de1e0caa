package io.backchannel.listening.internal;

import io.backchannel.text.Analysis;
import io.backchannel.text.TextAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import textbench.TextThroughput;

/**
 * Analysis and routing of replayed posts (issue 5: "analysis + routing ≥ 10,000 posts/s on a replayed stream"): each
 * post is analysed as the inbox does and then sent through 24 compiled routing rules of every kind, most of which do
 * not hold, as in a company with a rule per product, language and mood. In the routing package, for its compiled rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
public class RoutedThroughput {

    final AtomicInteger next = new AtomicInteger();
    List<String[]> replayed = List.of();
    RoutingRule.Compiled rules;

    @Setup
    public void prepare() throws IOException {
        replayed = TextThroughput.replayed();
        UUID team = UUID.randomUUID();
        var all = new ArrayList<RoutingRule>();
        String[] products = {"router", "laptop", "monitor", "printer", "phone", "tablet"};
        for (String product : products) {
            all.add(rule(all.size(), null, null, null, null, "NEGATIVE", product + ", " + product + "s, broken", team));
            all.add(rule(all.size(), null, "de", null, null, null, product, team));
        }
        for (String language : List.of("fr", "es", "it", "pt", "nl", "ja")) {
            all.add(rule(all.size(), "mastodon", language, null, null, null, null, team));
        }
        all.add(rule(all.size(), null, null, "billing", null, null, null, team));
        all.add(rule(all.size(), null, null, null, "job", null, null, team));
        all.add(rule(all.size(), null, null, null, null, null, "refund, invoice, rechnung, erstattung", team));
        all.add(rule(all.size(), "x", null, null, null, "NEGATIVE", null, team));
        all.add(rule(all.size(), null, null, null, "investment", null, null, team));
        all.add(rule(all.size(), "bluesky", null, null, null, null, "help, hilfe, support", team));
        rules = RoutingRule.Compiled.of(all);
    }

    private static RoutingRule rule(
            int position,
            String channel,
            String language,
            String topic,
            String intent,
            String sentiment,
            String keywords,
            UUID team) {
        return new RoutingRule(
                UUID.randomUUID(),
                position,
                "rule " + position,
                channel,
                language,
                topic,
                intent,
                sentiment,
                null,
                keywords,
                team);
    }

    @Benchmark
    public Optional<RoutingRule> replayAndRoute() {
        String[] post = replayed.get(Math.floorMod(next.getAndIncrement(), replayed.size()));
        Analysis analysis = TextAnalysis.analyse(post[0], post[1], TextThroughput.TOPICS);
        return rules.first(new RoutingRule.Facts(
                "bluesky",
                analysis.language(),
                List.copyOf(analysis.topics()),
                analysis.intents().stream()
                        .map(intent -> intent.name().toLowerCase(Locale.ROOT))
                        .toList(),
                Sentiment.valueOf(analysis.sentiment().name()),
                "did:plc:replayed",
                post[0]));
    }
}
