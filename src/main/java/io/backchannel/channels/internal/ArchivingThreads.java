package io.backchannel.channels.internal;

import io.backchannel.system.ListenerThreads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads that archive heard posts (see {@link ChannelArchiving#on(io.backchannel.channels.PostsCaptured)}). */
@Configuration(proxyBeanMethods = false)
class ArchivingThreads {

    @Bean(ChannelArchiving.ARCHIVING)
    ThreadPoolTaskExecutor channelArchivingThreads() {
        return ListenerThreads.executor("channel-archiving-", 4);
    }
}
