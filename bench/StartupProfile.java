import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts Backchannel with Spring's {@link BufferingApplicationStartup} and prints where the startup time goes: the
 * steps with the largest self time (own time minus that of nested steps), grouped by bean or step name. No change to
 * the application is needed. Run by bench/startup-profile.sh (source-file mode, against the extracted jar).
 */
public class StartupProfile {

    record Row(String key, long selfNanos, long totalNanos, int count) {}

    public static void main(String[] args) throws Exception {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        var application = new SpringApplication(Class.forName("io.backchannel.BackchannelApplication"));
        var startup = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(startup);
        long t0 = System.nanoTime();
        long jvmToRun = System.currentTimeMillis() - jvmStart;
        var context = application.run(args);
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();

        Map<Long, Long> childNanos = new HashMap<>();
        for (TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                childNanos.merge(parent, event.getDuration().toNanos(), Long::sum);
            }
        }
        Map<String, Row> byKey = new HashMap<>();
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            long total = event.getDuration().toNanos();
            long self = Math.max(0, total - childNanos.getOrDefault(step.getId(), 0L));
            String key = step.getName() + describe(step);
            byKey.merge(key, new Row(key, self, total, 1), (a, b) ->
                    new Row(a.key(), a.selfNanos() + b.selfNanos(), a.totalNanos() + b.totalNanos(), a.count() + b.count()));
        }
        var rows = new ArrayList<>(byKey.values());
        rows.sort(Comparator.comparingLong(Row::selfNanos).reversed());
        long sumSelf = rows.stream().mapToLong(Row::selfNanos).sum();

        System.out.printf("%nSpringApplication.run: %d ms (JVM start to run(): %d ms); %d startup steps, self time in steps %d ms%n",
                runMs, jvmToRun, events.size(), sumSelf / 1_000_000);
        System.out.printf("%n%8s %8s %5s  %s%n", "self ms", "total ms", "count", "step");
        int limit = Integer.getInteger("top", 40);
        for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            System.out.printf("%8d %8d %5d  %s%n", row.selfNanos() / 1_000_000, row.totalNanos() / 1_000_000, row.count(), row.key());
        }
        Map<String, long[]> byName = new HashMap<>();
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            long self = Math.max(0, event.getDuration().toNanos() - childNanos.getOrDefault(step.getId(), 0L));
            byName.computeIfAbsent(step.getName(), k -> new long[2])[0] += self;
            byName.get(step.getName())[1]++;
        }
        System.out.printf("%nSelf time by step name:%n");
        byName.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf("%8d ms %6d×  %s%n", e.getValue()[0] / 1_000_000, e.getValue()[1], e.getKey()));
        context.close();
        System.exit(0);
    }

    private static String describe(StartupStep step) {
        var text = new StringBuilder();
        for (StartupStep.Tag tag : step.getTags()) {
            if (tag.getKey().equals("beanName") || tag.getKey().equals("postProcessor")
                    || tag.getKey().equals("classCount") || tag.getKey().equals("listener")
                    || tag.getKey().equals("beanType")) {
                text.append(' ').append(tag.getKey()).append('=').append(shorten(tag.getValue()));
            }
        }
        return text.toString();
    }

    private static String shorten(String value) {
        return value.length() > 110 ? value.substring(0, 110) + "…" : value;
    }
}
