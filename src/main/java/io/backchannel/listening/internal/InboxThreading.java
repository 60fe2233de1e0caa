package io.backchannel.listening.internal;

import io.backchannel.system.ListenerThreads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The inbox's own listener threads (see {@link Conversations#THREADING}). */
@Configuration(proxyBeanMethods = false)
class InboxThreading {

    @Bean(Conversations.THREADING)
    ThreadPoolTaskExecutor inboxThreadingThreads() {
        return ListenerThreads.executor("inbox-threading-", 8);
    }
}
