package io.backchannel.system;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Executors for asynchronous event listeners: a fixed number of virtual threads taking tasks from an unbounded queue,
 * finishing what they run on shutdown. A module gives a heavy listener an executor of its own (name it in
 * {@code @Async}) so that, when it falls behind, the listeners of other modules do not wait behind it; one thread
 * also runs its events one after another.
 */
public final class ListenerThreads {

    private ListenerThreads() {}

    public static ThreadPoolTaskExecutor executor(String namePrefix, int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setVirtualThreads(true);
        executor.setThreadNamePrefix(namePrefix);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
