package io.backchannel.listening.internal;

import io.backchannel.system.ListenerThreads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The inbox's own listener thread (see {@link Conversations#THREADING}). */
@Configuration(proxyBeanMethods = false)
class InboxThreading {

    @Bean(Conversations.THREADING)
    ThreadPoolTaskExecutor inboxThreadingThread() {
        return ListenerThreads.executor("inbox-threading-", 1);
    }
}
