package io.backchannel.system;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Executors for asynchronous event listeners: a fixed number of platform threads taking tasks from an unbounded queue,
 * finishing what they run on shutdown. Not virtual threads: a handful of threads busy with the database gain nothing
 * from them, and under load virtual threads of these pools were seen waiting in a database read whose answer had
 * arrived (bench/inbox-latency.sh, JDK 25.0.3), holding up every event behind them until something woke them. A module gives a heavy listener an executor of its own (name it in
 * {@code @Async}) so that, when it falls behind, the listeners of other modules do not wait behind it; one thread
 * also runs its events one after another.
 */
public final class ListenerThreads {

    private ListenerThreads() {}

    public static ThreadPoolTaskExecutor executor(String namePrefix, int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix(namePrefix);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
